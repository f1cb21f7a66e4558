using TaxoNN.Compiler.Semantics;
using TaxoNN.Runtime.Data;
using static TaxoNN.Runtime.Tests.Data.IdxFiles;
using M = TaxoNN.Runtime.Tests.Data.MatFileWriter;

namespace TaxoNN.Runtime.Tests.Data;

/// <summary>
/// Every kind of bad data folder the loaders must report, each with the code it must give. The theory in
/// <see cref="DataProblemTests"/> runs them one by one; the coverage test runs them all and collects the codes seen.
/// </summary>
internal static class DataProblemCases
{
    public sealed record Case(string Name, string Code, Func<TempFolder, LoadedDataset> Run);

    public static IReadOnlyList<Case> All { get; } =
    [
        // MNIST and Fashion-MNIST (IDX).
        new("idx: the folder does not exist", "TAXO5001", f => Mnist(f.Path + "-missing")),
        new("idx: the test labels are missing", "TAXO5002", f =>
        {
            WriteSet(f);
            File.Delete(f[TestLabels]);
            return Mnist(f);
        }),
        new("idx: a file another process holds locked", "TAXO5003", f =>
        {
            WriteSet(f);
            using var locked = new FileStream(f[TrainLabels], FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return Mnist(f);
        }),
        new("idx: the images end early", "TAXO5004", f =>
        {
            WriteSet(f);
            f.Write(TrainImages, Images(3)[..^10]);
            return Mnist(f);
        }),
        new("idx: the gzipped images end early", "TAXO5004", f =>
        {
            WriteSet(f, gzip: true);
            f.Write(TrainImages + ".gz", Gzip(Images(3)[..^784]));
            return Mnist(f);
        }),
        new("idx: a gzip file cut in half", "TAXO5004", f =>
        {
            WriteSet(f, gzip: true);
            var gzip = Gzip(Images(3));
            f.Write(TrainImages + ".gz", gzip[..(gzip.Length / 2)]);
            return Mnist(f);
        }),
        new("idx: the header ends early", "TAXO5004", f =>
        {
            WriteSet(f);
            f.Write(TestLabels, [0, 0, 8]);
            return Mnist(f);
        }),
        new("idx: the labels go on after their data", "TAXO5005", f =>
        {
            WriteSet(f);
            f.Write(TrainLabels, [.. Labels(0, 1, 2), 7]);
            return Mnist(f);
        }),
        new("idx: a header that claims 4 billion images", "TAXO5006", f =>
        {
            WriteSet(f);
            f.Write(TrainImages, [.. Header(0x803, uint.MaxValue, 28, 28), .. new byte[784]]);
            return Mnist(f);
        }),
        new("idx: no images", "TAXO5007", f =>
        {
            WriteSet(f);
            f.Write(TestImages, Images(0));
            f.Write(TestLabels, Labels());
            return Mnist(f);
        }),
        new("idx: labels where the images should be", "TAXO5008", f =>
        {
            WriteSet(f);
            f.Write(TrainImages, Labels(1, 2, 3));
            return Mnist(f);
        }),
        new("idx: a web page saved by a failed download", "TAXO5008", f =>
        {
            WriteSet(f);
            f.Write(TestImages, "<!DOCTYPE html><html><body>Not found</body></html>"u8.ToArray());
            return Mnist(f);
        }),
        new("idx: images of 32 x 32", "TAXO5009", f =>
        {
            WriteSet(f);
            f.Write(TrainImages, Images(3, 32, 32));
            return Mnist(f);
        }),
        new("idx: three images, four labels", "TAXO5010", f =>
        {
            WriteSet(f);
            f.Write(TrainLabels, Labels(0, 1, 2, 3));
            return Mnist(f);
        }),
        new("idx: a label of 10", "TAXO5011", f =>
        {
            WriteSet(f);
            f.Write(TrainLabels, Labels(0, 10, 2));
            return Mnist(f);
        }),
        new("idx: a gzip stream with a damaged deflate header", "TAXO5012", f =>
        {
            WriteSet(f, gzip: true);
            var gzip = Gzip(Images(3));
            gzip[10] = 0xFF; // the first byte of the deflate data: an invalid block type
            f.Write(TrainImages + ".gz", gzip);
            return Mnist(f);
        }),
        new("idx: a .gz file that is not gzipped", "TAXO5012", f =>
        {
            WriteSet(f, gzip: true);
            f.Write(TestLabels + ".gz", Labels(1, 2));
            return Mnist(f);
        }),

        // CIFAR-10 (binary batches).
        new("cifar: the folder does not exist", "TAXO5001", f => Cifar(f.Path + "-missing")),
        new("cifar: batch 3 is missing", "TAXO5002", f =>
        {
            CifarFiles.WriteSet(f);
            File.Delete(f["cifar-10-batches-bin/data_batch_3.bin"]);
            return Cifar(f.Path);
        }),
        new("cifar: an empty test batch", "TAXO5007", f =>
        {
            CifarFiles.WriteSet(f);
            f.Write("cifar-10-batches-bin/test_batch.bin", []);
            return Cifar(f.Path);
        }),
        new("cifar: a label of 10", "TAXO5011", f =>
        {
            CifarFiles.WriteSet(f);
            f.Write("cifar-10-batches-bin/data_batch_2.bin", CifarFiles.Batch(0, 1, 10));
            return Cifar(f.Path);
        }),
        new("cifar: a batch with a partial record", "TAXO5013", f =>
        {
            CifarFiles.WriteSet(f);
            f.Write("cifar-10-batches-bin/test_batch.bin", CifarFiles.Batch(0, 1, 2)[..^1]);
            return Cifar(f.Path);
        }),
        new("cifar: a batch of CIFAR-100 records", "TAXO5013", f =>
        {
            CifarFiles.WriteSet(f);
            f.Write("cifar-10-batches-bin/data_batch_1.bin", new byte[3074 * 3]);
            return Cifar(f.Path);
        }),

        // SVHN (MAT v5).
        new("svhn: the folder does not exist", "TAXO5001", f => Svhn(f.Path + "-missing")),
        new("svhn: the test file is missing", "TAXO5002", f =>
        {
            f.Write("train_32x32.mat", new M().Svhn([1, 2]).ToArray());
            return Svhn(f.Path);
        }),
        new("svhn: the file ends inside X", "TAXO5004", f => SvhnWith(f, new M().Svhn([1, 2]).ToArray()[..4000])),
        new("svhn: a compressed X of 3 billion bytes", "TAXO5006", f =>
        {
            var w = new M();
            const uint count = 32u * 32 * 3 * 1_000_000;
            byte[] parts =
            [
                .. w.Element(M.MiUInt32, [.. w.U32(M.UInt8Class), .. w.U32(0)]),
                .. w.Element(M.MiInt32, [.. w.U32(32), .. w.U32(32), .. w.U32(3), .. w.U32(1_000_000)]),
                .. w.Element(M.MiInt8, "X"u8.ToArray()),
            ];
            byte[] matrix = [.. w.U32(M.MiMatrix), .. w.U32((uint)parts.Length + 8 + count), .. parts, .. w.U32(M.MiUInt8), .. w.U32(count)];
            return SvhnWith(f, w.Add(w.Compressed(matrix)).ToArray());
        }),
        new("svhn: no images", "TAXO5007", f => SvhnWith(f, new M().Svhn([]).ToArray())),
        new("svhn: images of 28 x 28 x 3", "TAXO5009", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.UInt8Class, [28, 28, 3, 1], M.MiUInt8, new byte[28 * 28 * 3])
                .Variable("y", M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 1)).ToArray());
        }),
        new("svhn: two images, three labels", "TAXO5010", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.UInt8Class, [32, 32, 3, 2], M.MiUInt8, M.SvhnImages(2))
                .Variable("y", M.DoubleClass, [3, 1], M.MiDouble, w.Values(M.MiDouble, 1, 2, 3)).ToArray());
        }),
        new("svhn: a label of 0", "TAXO5011", f => SvhnWith(f, new M().Svhn([3, 0]).ToArray())),
        new("svhn: a label of 11", "TAXO5011", f => SvhnWith(f, new M().Svhn([11]).ToArray())),
        new("svhn: a label of 1.5", "TAXO5011", f => SvhnWith(f, new M().Svhn([1.5]).ToArray())),
        new("svhn: a compressed element with a damaged zlib header", "TAXO5012", f =>
        {
            var bytes = new M().Svhn([1, 2], compress: true).ToArray();
            bytes[128 + 8] = 0; // the zlib header's first byte: no longer compression method 8
            bytes[128 + 9] = 0;
            return SvhnWith(f, bytes);
        }),
        new("svhn: a file of 10 bytes", "TAXO5014", f => SvhnWith(f, new byte[10])),
        new("svhn: a version 7.3 (HDF5) MAT-file", "TAXO5014", f => SvhnWith(f, new M { HeaderText = "MATLAB 7.3 MAT-file, Platform: GLNXA64" }.Svhn([1]).ToArray())),
        new("svhn: a header without the byte-order mark", "TAXO5014", f =>
        {
            var bytes = new M().Svhn([1]).ToArray();
            bytes[126] = (byte)'X';
            return SvhnWith(f, bytes);
        }),
        new("svhn: a header of version 0x0200", "TAXO5014", f => SvhnWith(f, new M { Version = 0x0200 }.Svhn([1]).ToArray())),
        new("svhn: array flags of type miINT32", "TAXO5015", f =>
        {
            var w = new M();
            byte[] parts =
            [
                .. w.Element(M.MiInt32, [.. w.U32(M.UInt8Class), .. w.U32(0)]),
                .. w.Element(M.MiInt32, [.. w.U32(32), .. w.U32(32), .. w.U32(3), .. w.U32(1)]),
                .. w.Element(M.MiInt8, "X"u8.ToArray()),
                .. w.Element(M.MiUInt8, new byte[3072]),
            ];
            return SvhnWith(f, w.Add(w.Element(M.MiMatrix, parts, small: false)).ToArray());
        }),
        new("svhn: a real part shorter than the dimensions", "TAXO5015", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.UInt8Class, [32, 32, 3, 2], M.MiUInt8, new byte[3072]).ToArray());
        }),
        new("svhn: a matrix whose parts outgrow it", "TAXO5015", f =>
        {
            var w = new M();
            var matrix = w.Matrix("X", M.UInt8Class, [32, 32, 3, 1], M.MiUInt8, new byte[3072]);
            w.U32(16).CopyTo(matrix, 4); // room for the array flags only
            return SvhnWith(f, w.Add(matrix[..24]).ToArray());
        }),
        new("svhn: dimensions of type miUINT8", "TAXO5015", f =>
        {
            var w = new M();
            byte[] parts =
            [
                .. w.Element(M.MiUInt32, [.. w.U32(M.UInt8Class), .. w.U32(0)]),
                .. w.Element(M.MiUInt8, [32, 32, 3, 1, 0, 0, 0, 0], small: false),
                .. w.Element(M.MiInt8, "X"u8.ToArray()),
            ];
            return SvhnWith(f, w.Add(w.Element(M.MiMatrix, parts, small: false)).ToArray());
        }),
        new("svhn: no variable y", "TAXO5016", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.UInt8Class, [32, 32, 3, 1], M.MiUInt8, M.SvhnImages(1))
                .Variable("labels", M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 1)).ToArray());
        }),
        new("svhn: no variables at all", "TAXO5016", f => SvhnWith(f, new M().ToArray())),
        new("svhn: X of class double", "TAXO5017", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.DoubleClass, [32, 32, 3, 1], M.MiUInt8, M.SvhnImages(1))
                .Variable("y", M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 1)).ToArray());
        }),
        new("svhn: a complex X", "TAXO5017", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Add(w.Matrix("X", M.UInt8Class, [32, 32, 3, 1], M.MiUInt8, M.SvhnImages(1), M.ComplexFlag, M.SvhnImages(1)))
                .Variable("y", M.DoubleClass, [1, 1], M.MiDouble, w.Values(M.MiDouble, 1)).ToArray());
        }),
        new("svhn: X as a cell array", "TAXO5017", f =>
        {
            var w = new M();
            byte[] parts =
            [
                .. w.Element(M.MiUInt32, [.. w.U32(M.CellClass), .. w.U32(0)]),
                .. w.Element(M.MiInt32, [.. w.U32(1), .. w.U32(1)]),
                .. w.Element(M.MiInt8, "X"u8.ToArray()),
            ];
            return SvhnWith(f, w.Add(w.Element(M.MiMatrix, parts, small: false)).ToArray());
        }),
        new("svhn: y as a 2 x 2 matrix", "TAXO5017", f =>
        {
            var w = new M();
            return SvhnWith(f, w.Variable("X", M.UInt8Class, [32, 32, 3, 4], M.MiUInt8, M.SvhnImages(4))
                .Variable("y", M.DoubleClass, [2, 2], M.MiDouble, w.Values(M.MiDouble, 1, 2, 3, 4)).ToArray());
        }),
    ];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static Case Find(string name) => All.Single(c => c.Name == name);

    private static LoadedDataset Mnist(TempFolder folder) => Mnist(folder.Path);

    private static LoadedDataset Mnist(string folder) => DataLoader.Load(DatasetKind.Mnist, folder);

    private static LoadedDataset Cifar(string folder) => DataLoader.Load(DatasetKind.Cifar10, folder);

    private static LoadedDataset Svhn(string folder) => DataLoader.Load(DatasetKind.Svhn, folder);

    // A sound test file and the given training file.
    private static LoadedDataset SvhnWith(TempFolder folder, byte[] train)
    {
        folder.Write("train_32x32.mat", train);
        folder.Write("test_32x32.mat", new M().Svhn([10, 1, 2], compress: true).ToArray());
        return Svhn(folder.Path);
    }
}
