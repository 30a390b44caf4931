/// An open-addressing hash table from 64-bit keys to 32-bit values, for the actor trie's hot
/// lookups (keys are already hashes, so a multiplicative mix is enough; no SipHash).
struct FlatTable: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(bits: Int = 10) {
        keys = [UInt64](repeating: FlatTable.empty, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    @inline(__always)
    private static func fix(_ k: UInt64) -> UInt64 { k == empty ? empty &- 1 : k }

    @inline(__always)
    private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let k = FlatTable.fix(key)
        let mask = keys.count - 1
        var i = slot(k)
        return keys.withUnsafeBufferPointer { ks in
            while true {
                let x = ks[i]
                if x == k { return values[i] }
                if x == FlatTable.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = FlatTable.fix(key)
        let mask = keys.count - 1
        var i = slot(k)
        while true {
            if keys[i] == k { values[i] = value; return }
            if keys[i] == FlatTable.empty {
                keys[i] = k
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let bits = 64 - Int(shift) + 1
        keys = [UInt64](repeating: FlatTable.empty, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        count = 0
        for (i, k) in oldKeys.enumerated() where k != FlatTable.empty { set(k, oldValues[i]) }
    }
}
