using TaxoNN.Runtime.Serialization;

namespace TaxoNN.Runtime.Tests.Serialization;

public sealed class AtomicFileTests
{
    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["w.npz"], "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(folder["w.npz"], stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(folder["w.npz"]));
        Assert.Equal(["w.npz"], folder.Files);
    }

    [Fact]
    public void AWriteReplacesTheFileWhole()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["w.npz"], "old contents that are longer");

        AtomicFile.WriteAllBytes(folder["w.npz"], [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(folder["w.npz"]));
        Assert.Equal(["w.npz"], folder.Files);
    }

    [Fact]
    public void WritingThroughALinkReplacesWhatItPointsTo()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["target.npz"], "old");
        File.CreateSymbolicLink(folder["link.npz"], folder["target.npz"]);

        AtomicFile.WriteAllBytes(folder["link.npz"], [7]);

        Assert.NotNull(new FileInfo(folder["link.npz"]).LinkTarget);
        Assert.Equal([7], File.ReadAllBytes(folder["target.npz"]));
    }
}
