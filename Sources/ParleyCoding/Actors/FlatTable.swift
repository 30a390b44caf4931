/// An open-addressing hash table from 64-bit keys to 32-bit values, for the actor trie's hot
/// lookups (keys are already hashes, so a multiplicative mix is enough; no SipHash). Key and
/// value share a slot so a probe touches one cache line.
struct FlatTable: Sendable {
    private struct Slot { var key: UInt64; var value: Int32 }
    private static let empty = UInt64.max
    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    init(bits: Int = 10) {
        slots = [Slot](repeating: Slot(key: FlatTable.empty, value: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    @inline(__always)
    private static func fix(_ k: UInt64) -> UInt64 { k == empty ? empty &- 1 : k }

    @inline(__always)
    private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let k = FlatTable.fix(key)
        var i = slot(k)
        return slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            while true {
                let x = s[i]
                if x.key == k { return x.value }
                if x.key == FlatTable.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let k = FlatTable.fix(key)
        let mask = slots.count - 1
        var i = slot(k)
        while true {
            if slots[i].key == k { slots[i].value = value; return }
            if slots[i].key == FlatTable.empty {
                slots[i] = Slot(key: k, value: value)
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        let bits = 64 - Int(shift) + 1
        slots = [Slot](repeating: Slot(key: FlatTable.empty, value: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
        count = 0
        for s in old where s.key != FlatTable.empty { set(s.key, s.value) }
    }
}
