import Foundation

/// Arc-eager transition system over one sentence. Position 0 is the artificial root; words are 1...n.
/// Actions: 0 SHIFT, 1 REDUCE, 2+l LEFT-ARC(l), 2+L+l RIGHT-ARC(l). The root takes exactly one dependent.
struct ArcEagerState {
    let n: Int
    let labelCount: Int
    let rootLabel: Int
    var stack: [Int]
    var buffer: Int          // first buffer position; the buffer is buffer...n
    var heads: [Int]
    var labels: [Int]
    var lc1: [Int], lc2: [Int], rc1: [Int], rc2: [Int]
    var nLeft: [Int], nRight: [Int]
    var leftSet: [UInt64], rightSet: [UInt64]

    init(n: Int, labelCount: Int, rootLabel: Int) {
        self.n = n
        self.labelCount = labelCount
        self.rootLabel = rootLabel
        stack = [0]
        stack.reserveCapacity(n + 1)
        buffer = 1
        heads = [Int](repeating: -1, count: n + 1)
        labels = heads
        lc1 = heads; lc2 = heads; rc1 = heads; rc2 = heads
        nLeft = [Int](repeating: 0, count: n + 1)
        nRight = nLeft
        leftSet = [UInt64](repeating: 0, count: n + 1)
        rightSet = leftSet
    }

    var isTerminal: Bool { buffer > n }
    var s0: Int { stack[stack.count - 1] }

    static func kind(_ action: Int, labelCount: Int) -> (kind: Int, label: Int) {
        if action < 2 { return (action, -1) }
        if action < 2 + labelCount { return (2, action - 2) }
        return (3, action - 2 - labelCount)
    }

    /// Whether each of the four action kinds is allowed now (SHIFT, REDUCE, LEFT, RIGHT).
    @inline(__always) func validKinds() -> (Bool, Bool, Bool, Bool) {
        let s = s0
        let hasBuffer = buffer <= n
        let shift = hasBuffer
        let reduce = s != 0 && heads[s] >= 0
        let left = hasBuffer && s != 0 && heads[s] < 0
        let right = hasBuffer && (s != 0 || nRight[0] == 0)
        return (shift, reduce, left, right)
    }

    @inline(__always) func isValid(_ action: Int) -> Bool {
        let v = validKinds()
        let (k, l) = ArcEagerState.kind(action, labelCount: labelCount)
        switch k {
        case 0: return v.0
        case 1: return v.1
        case 2: return v.2 && l != rootLabel
        default: return v.3 && ((s0 == 0) == (l == rootLabel))
        }
    }

    private mutating func addArc(head h: Int, dep d: Int, label l: Int) {
        heads[d] = h
        labels[d] = l
        let bit: UInt64 = 1 << UInt64(l & 63)
        if d < h {
            nLeft[h] += 1
            leftSet[h] |= bit
            if lc1[h] < 0 || d < lc1[h] { lc2[h] = lc1[h]; lc1[h] = d } else if lc2[h] < 0 || d < lc2[h] { lc2[h] = d }
        } else {
            nRight[h] += 1
            rightSet[h] |= bit
            if rc1[h] < 0 || d > rc1[h] { rc2[h] = rc1[h]; rc1[h] = d } else if rc2[h] < 0 || d > rc2[h] { rc2[h] = d }
        }
    }

    mutating func apply(_ action: Int) {
        let (k, l) = ArcEagerState.kind(action, labelCount: labelCount)
        switch k {
        case 0: stack.append(buffer); buffer += 1
        case 1: stack.removeLast()
        case 2: let s = stack.removeLast(); addArc(head: buffer, dep: s, label: l)
        default: addArc(head: s0, dep: buffer, label: l); stack.append(buffer); buffer += 1
        }
    }

    /// Final heads (0-based word indices, -1 for the root) and labels, repairing words left without a head:
    /// the first becomes the root's dependent if the root has none, the others attach to it.
    func result(fallbackLabel: Int) -> (heads: [Int], labels: [Int]) {
        var h = heads, l = labels
        var root = rc1[0]
        for i in 1...max(n, 1) where n > 0 && h[i] < 0 {
            if root < 0 { root = i; h[i] = 0; l[i] = rootLabel } else { h[i] = root; l[i] = fallbackLabel }
        }
        return ((1...max(n, 1)).prefix(n).map { h[$0] - 1 }, (1...max(n, 1)).prefix(n).map { l[$0] })
    }

    // MARK: Dynamic oracle (Goldberg & Nivre 2012); gold heads are positions (0 = root).

    /// Costs of the four action kinds, ignoring labels; Int.max for invalid ones.
    func kindCosts(goldHeads g: [Int]) -> (Int, Int, Int, Int) {
        let v = validKinds()
        let s = s0, b = buffer
        var shift = Int.max, reduce = Int.max, left = Int.max, right = Int.max
        if v.0 {
            var c = 0
            for k in stack { if (g[k] == b && heads[k] < 0 && k != 0) || g[b] == k { c += 1 } }
            shift = c
        }
        if v.1 {
            var c = 0
            if b <= n { for k in b...n where g[k] == s { c += 1 } }
            reduce = c
        }
        if v.2 {
            var c = 0
            for k in b...n where g[k] == s { c += 1 }
            if g[s] > b { c += 1 }
            left = c
        }
        if v.3 {
            var c = 0
            if g[b] != s && (g[b] >= b || stack.contains(g[b])) { c += 1 }
            for k in stack where k != 0 && g[k] == b && heads[k] < 0 { c += 1 }
            right = c
        }
        return (shift, reduce, left, right)
    }
}
