using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CognitoStack.UserExport.Export;

/// <summary>
/// Which groups each user belongs to, read before the users (ListUsersInGroup), so every user line carries its
/// groups. A member costs 20 bytes: the first 128 bits of the SHA-256 of the user name (a collision between two
/// names is as likely as guessing a 128-bit key) and the group's position. This is the one part of the export
/// that grows with the pool: 2 MB for 100,000 memberships.
/// </summary>
internal sealed class GroupIndex
{
    private const int EntryBytes = 20;
    private UInt128[] _hashes;
    private int[] _groups;
    private int _count;
    private bool _sorted;

    /// <summary>An empty index.</summary>
    public GroupIndex()
        : this([], [], 0)
    {
    }

    private GroupIndex(UInt128[] hashes, int[] groups, int count)
    {
        _hashes = hashes;
        _groups = groups;
        _count = count;
    }

    /// <summary>Memberships recorded.</summary>
    public int Count => _count;

    /// <summary>Records that <paramref name="userName"/> is in group number <paramref name="group"/>.</summary>
    public void Add(string userName, int group)
    {
        if (_count == _hashes.Length)
        {
            var capacity = Math.Max(1024, _hashes.Length * 2);
            Array.Resize(ref _hashes, capacity);
            Array.Resize(ref _groups, capacity);
        }

        _hashes[_count] = Hash(userName);
        _groups[_count] = group;
        _count++;
        _sorted = false;
    }

    /// <summary>Adds the group numbers of <paramref name="userName"/> to <paramref name="groups"/> (cleared first), ascending.</summary>
    public void GroupsOf(string userName, List<int> groups)
    {
        groups.Clear();
        if (!_sorted)
        {
            Array.Sort(_hashes, _groups, 0, _count);
            _sorted = true;
        }

        var hash = Hash(userName);
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_hashes[middle] < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _count && _hashes[i] == hash; i++)
        {
            if (!groups.Contains(_groups[i]))
            {
                groups.Add(_groups[i]);
            }
        }

        groups.Sort();
    }

    /// <summary>The index as bytes, to resume from (20 bytes a membership).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[(long)_count * EntryBytes];
        for (var i = 0; i < _count; i++)
        {
            var entry = bytes.AsSpan(i * EntryBytes, EntryBytes);
            BinaryPrimitives.WriteUInt128LittleEndian(entry, _hashes[i]);
            BinaryPrimitives.WriteInt32LittleEndian(entry[16..], _groups[i]);
        }

        return bytes;
    }

    /// <summary>An index read back from <see cref="ToBytes"/>.</summary>
    public static GroupIndex FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % EntryBytes != 0)
        {
            throw new InvalidDataException($"a group index is a multiple of {EntryBytes} bytes, not {bytes.Length}");
        }

        var count = bytes.Length / EntryBytes;
        var hashes = new UInt128[count];
        var groups = new int[count];
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.Slice(i * EntryBytes, EntryBytes);
            hashes[i] = BinaryPrimitives.ReadUInt128LittleEndian(entry);
            groups[i] = BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
        }

        return new GroupIndex(hashes, groups, count);
    }

    private static UInt128 Hash(string userName)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(userName.Length);
        var utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(userName, utf8);
        SHA256.HashData(utf8[..written], digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}
