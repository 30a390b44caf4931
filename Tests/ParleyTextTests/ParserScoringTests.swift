import Foundation
import ParleyModel
import Testing
@testable import ParleyText

/// The parser's run-time scoring (cached per-token score vectors plus the remaining lookups, forced transitions
/// unscored) must choose exactly what scoring every feature at every transition chooses.
@Suite("Parser cached scoring")
struct ParserScoringTests {
    static let sentences: [String] = [
        "The ministers met in Geneva on Tuesday to discuss the ceasefire .",
        "Iran said it would not negotiate while sanctions remain in place .",
        "Hello",
        "Yes .",
        "\" We reject these accusations , \" the spokesman told reporters , adding that talks would resume next week .",
        "China and Russia vetoed the resolution , which the United States had drafted after months of talks .",
        "What did he say to them about the plan that was announced yesterday by the government of Kenya ?",
        "troops troops troops troops troops troops troops troops troops troops troops troops",
        "( ( ( ) ) ) , , , . . .",
        "On 3 March 2024 , the envoy , who had arrived late , refused to sign , saying the text was unacceptable and that he would consult his capital before any vote .",
    ]

    @Test("Cached scoring equals full scoring", arguments: sentences)
    func cachedEqualsReference(_ sentence: String) throws {
        let tagger = try PerceptronTagger.bundled(), parser = try DependencyParser.bundled()
        let forms = sentence.split(separator: " ").map(String.init)
        let tags = tagger.tags(forms)
        let words = forms.map { FeatureHash.bytes($0.utf8, lowercase: true) }
        let atoms = zip(tags.map(\.upos), tags.map(\.xpos)).map { DependencyParser.tagAtom(upos: $0.rawValue, xpos: $1[...].utf8) }
        let suffixes = forms.map { DependencyParser.suffixAtom($0[...].utf8) }
        var scratch = DependencyParser.Scratch()
        // Twice with the same scratch: buffers reused from a longer sentence must not leak into a shorter one.
        for _ in 0..<2 {
            let fast = parser.parse(words: words, tags: atoms, suffixes: suffixes, scratch: &scratch)
            let reference = parser.parseReference(words: words, tags: atoms, suffixes: suffixes)
            #expect(fast.heads == reference.heads)
            #expect(fast.labels == reference.labels)
        }
        let long = Self.sentences.last!.split(separator: " ").map { FeatureHash.bytes($0.utf8, lowercase: true) }
        _ = parser.parse(words: long, tags: [UInt64](repeating: atoms[0], count: long.count), scratch: &scratch)
        let again = parser.parse(words: words, tags: atoms, suffixes: suffixes, scratch: &scratch)
        #expect(again.heads == parser.parseReference(words: words, tags: atoms, suffixes: suffixes).heads)
    }

    @Test("Sparse model lookups equal a plain sum, for inline and overflow rows and absent features")
    func sparseModelSums() {
        var rng = SplitMix64(seed: 42)
        let nClasses = 40
        var rows: [(UInt32, [(UInt8, Int16)])] = []
        var byKey: [UInt32: [(UInt8, Int16)]] = [:]
        var features: [UInt64] = []
        for r in 0..<3000 {
            let f = rng.next()
            let k = SparseLinearModel.shortKey(f)
            if byKey[k] != nil { continue }
            let length = r % 10 == 0 ? 4 + Int(rng.next() % 30) : 1 + Int(rng.next() % 3)
            var classes = Set<UInt8>()
            while classes.count < length { classes.insert(UInt8(rng.next() % UInt64(nClasses))) }
            let row = classes.sorted().map { ($0, Int16(truncatingIfNeeded: Int(rng.next() % 4001) - 2000) | 1) }
            rows.append((k, row))
            byKey[k] = row
            features.append(f)
        }
        let model = SparseLinearModel(nClasses: nClasses, scale: 1, rows: rows)
        for start in stride(from: 0, to: features.count, by: 37) {
            var query = Array(features[start..<min(start + 37, features.count)])
            query.append(0x1234_5678_9ABC_DEF0)  // absent (with overwhelming likelihood)
            var expected = [Int32](repeating: 0, count: nClasses)
            for f in query { for (c, v) in byKey[SparseLinearModel.shortKey(f)] ?? [] { expected[Int(c)] += Int32(v) } }
            var got = [Int32](repeating: 0, count: nClasses)
            query.withUnsafeBufferPointer { q in got.withUnsafeMutableBufferPointer { model.accumulate(q, into: $0) } }
            #expect(got == expected)
        }
    }
}
