using System.Diagnostics;

namespace TaxoNN.Runtime.Tests.Serialization;

/// <summary>
/// Runs Python scripts with NumPy as a child process. NumPy is Debian's python3-numpy; where no python3 on the PATH
/// (or in TAXO_PYTHON) can import it, the tests that need it fail with a message saying to install it, never pass.
/// </summary>
internal static class NumPy
{
    private static readonly Lazy<string?> Interpreter = new(() => FindInterpreter("numpy"));
    private static readonly Lazy<string?> TorchInterpreter = new(() => FindInterpreter("torch"));

    /// <summary>Runs <paramref name="script"/> with its arguments and returns its standard output; fails the test if it fails.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var python = Interpreter.Value;
        Assert.True(python is not null, "These tests need NumPy: install Debian's python3-numpy ('apt-get install -y python3-numpy'), or point TAXO_PYTHON at a python3 that has it.");
        var (exitCode, output, error) = Execute(python!, ["-c", script, .. arguments]);
        Assert.True(exitCode == 0, $"python3 failed with exit code {exitCode}:\n{error}\n{output}");
        return output;
    }

    /// <summary>Runs a script file with PyTorch; fails the test, saying how to install it, where no python3 has it.</summary>
    public static string RunWithTorch(string scriptPath, params string[] arguments)
    {
        var python = TorchInterpreter.Value;
        Assert.True(python is not null, "This test needs PyTorch: install Debian's python3-torch ('apt-get install -y python3-torch'), or point TAXO_PYTHON at a python3 that has it.");
        var (exitCode, output, error) = Execute(python!, [scriptPath, .. arguments]);
        Assert.True(exitCode == 0, $"python3 failed with exit code {exitCode}:\n{error}\n{output}");
        return output;
    }

    private static string? FindInterpreter(string module)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("TAXO_PYTHON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        // Every python3 on the PATH, in order: a version manager's shim may come first without NumPy, while the
        // system's interpreter behind it has Debian's python3-numpy.
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "python3");
            if (File.Exists(candidate))
            {
                candidates.Add(candidate);
            }
        }

        return candidates.FirstOrDefault(c => Execute(c, ["-c", $"import {module}"]).ExitCode == 0);
    }

    private static (int ExitCode, string Output, string Error) Execute(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, string.Empty, e.Message);
        }
    }
}
