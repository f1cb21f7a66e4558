using TaxoNN.Runtime.KernelProbe;
using TaxoNN.Runtime.Numerics;

Console.WriteLine($"path={KernelPaths.Best}");
Console.WriteLine($"support={KernelPaths.Describe()}");
Console.WriteLine($"checksum={KernelChecksum.Compute(KernelPaths.Best):x16}");
