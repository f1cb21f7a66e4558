namespace TaxoNN.Compiler.Semantics;

/// <summary>The kinds of layer a network can hold.</summary>
public enum LayerKind
{
    /// <summary>2-D convolution with filters, kernel, stride, padding and optional bias.</summary>
    Conv2d,

    /// <summary>Max pooling.</summary>
    MaxPool,

    /// <summary>Average pooling.</summary>
    AvgPool,

    /// <summary>Fully connected layer.</summary>
    Dense,

    /// <summary>Reshapes a feature map into a vector in channel, height, width order (PyTorch's order).</summary>
    Flatten,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>x.</summary>
    Identity,
}
