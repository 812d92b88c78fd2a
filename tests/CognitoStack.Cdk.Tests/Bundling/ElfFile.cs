using System.Buffers.Binary;
using System.Text;

namespace CognitoStack.Cdk.Tests.Bundling;

/// <summary>
/// What the dynamic loader needs of a 64-bit little-endian ELF executable, read from its section headers
/// (no readelf needed): the machine, the shared libraries (<c>DT_NEEDED</c>) and, per library, the symbol
/// versions it must provide (<c>.gnu.version_r</c>, <c>SHT_GNU_verneed</c>). Layouts: the System V gABI
/// (https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html) and the LSB's symbol versioning
/// (https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html).
/// </summary>
internal sealed record ElfFile(ushort Machine, IReadOnlyList<string> Needed, IReadOnlyList<(string File, string Version)> VersionsNeeded)
{
    /// <summary><c>e_machine</c> of AArch64.</summary>
    public const ushort Aarch64 = 183;

    /// <summary><c>e_machine</c> of x86-64.</summary>
    public const ushort X86_64 = 62;

    private const uint DynamicSection = 6;
    private const uint VersionNeedSection = 0x6ffffffe;
    private const long NeededTag = 1;

    public static ElfFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static ElfFile Parse(byte[] elf)
    {
        var bytes = elf.AsSpan();
        if (bytes.Length < 64 || !bytes[..4].SequenceEqual("\u007FELF"u8) || bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        var machine = U16(bytes, 0x12);
        var sectionsAt = checked((int)U64(bytes, 0x28));
        var sectionSize = U16(bytes, 0x3A);
        var sectionCount = U16(bytes, 0x3C);
        var sections = Enumerable.Range(0, sectionCount).Select(i => Section(elf, sectionsAt + (i * sectionSize))).ToList();

        var needed = new List<string>();
        var versions = new List<(string, string)>();
        foreach (var section in sections)
        {
            var strings = sections[(int)section.Link];
            if (section.Type == DynamicSection)
            {
                for (var at = section.Offset; at + 16 <= section.Offset + section.Size; at += 16)
                {
                    if ((long)U64(bytes, at) == NeededTag)
                    {
                        needed.Add(Text(bytes, strings.Offset + (int)U64(bytes, at + 8)));
                    }
                }
            }
            else if (section.Type == VersionNeedSection)
            {
                // sh_info: the number of Verneed entries; each lists its Vernaux entries (one per version).
                var at = section.Offset;
                for (var entry = 0; entry < section.Info; entry++)
                {
                    var file = Text(bytes, strings.Offset + (int)U32(bytes, at + 4));
                    var auxAt = at + (int)U32(bytes, at + 8);
                    for (var aux = 0; aux < U16(bytes, at + 2); aux++)
                    {
                        versions.Add((file, Text(bytes, strings.Offset + (int)U32(bytes, auxAt + 8))));
                        auxAt += (int)U32(bytes, auxAt + 12);
                    }

                    at += (int)U32(bytes, at + 12);
                }
            }
        }

        return new ElfFile(machine, needed, versions);
    }

    /// <summary>The highest <c>GLIBC_x.y</c> version required, compared numerically.</summary>
    public Version? HighestGlibc => VersionsNeeded
        .Where(v => v.Version.StartsWith("GLIBC_", StringComparison.Ordinal) && System.Version.TryParse(v.Version["GLIBC_".Length..], out _))
        .Select(v => System.Version.Parse(v.Version["GLIBC_".Length..]))
        .DefaultIfEmpty()
        .Max();

    private static (uint Type, int Offset, int Size, uint Link, uint Info) Section(byte[] elf, int at) =>
        (U32(elf, at + 4), checked((int)U64(elf, at + 0x18)), checked((int)U64(elf, at + 0x20)), U32(elf, at + 0x28), U32(elf, at + 0x2C));

    private static ushort U16(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);

    private static ulong U64(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]);

    private static string Text(ReadOnlySpan<byte> bytes, int at)
    {
        var end = bytes[at..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(bytes.Slice(at, end));
    }
}
