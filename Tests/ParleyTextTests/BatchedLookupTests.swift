import Foundation
import ParleyModel
import Testing
@testable import ParleyText

/// The batched lookups (hot table, dense rows, one batch for several score vectors) and the tagger's
/// sentence-wide batch must give exactly the sums and tags of the plain definitions.
@Suite("Batched lookups")
struct BatchedLookupTests {
    /// A random model with rows of every kind: inline (1–3 entries), overflow (4–11), dense (12 to every class).
    static func randomModel(nClasses: Int, seed: UInt64) -> (SparseLinearModel, [UInt64], [UInt32: [(UInt8, Int16)]]) {
        var rng = SplitMix64(seed: seed)
        var rows: [(UInt32, [(UInt8, Int16)])] = []
        var byKey: [UInt32: [(UInt8, Int16)]] = [:]
        var features: [UInt64] = []
        for r in 0..<4000 {
            let f = rng.next()
            let k = SparseLinearModel.shortKey(f)
            if byKey[k] != nil { continue }
            let length: Int
            switch r % 8 {
            case 0: length = 4 + Int(rng.next() % 8)
            case 1: length = 12 + Int(rng.next() % UInt64(nClasses - 11))
            default: length = 1 + Int(rng.next() % 3)
            }
            var classes = Set<UInt8>()
            while classes.count < length { classes.insert(UInt8(rng.next() % UInt64(nClasses))) }
            let row = classes.sorted().map { ($0, Int16(truncatingIfNeeded: Int(rng.next() % 65536) - 32768)) }
            rows.append((k, row))
            byKey[k] = row
            features.append(f)
        }
        return (SparseLinearModel(nClasses: nClasses, scale: 1, rows: rows), features, byKey)
    }

    @Test("Single-vector lookups equal a plain wrapping sum", arguments: [13, 40, 100, 131])
    func singleTarget(_ nClasses: Int) {
        let (model, features, byKey) = Self.randomModel(nClasses: nClasses, seed: UInt64(nClasses))
        var rng = SplitMix64(seed: 9)
        for start in stride(from: 0, to: features.count, by: 53) {
            var query = Array(features[start..<min(start + 53, features.count)])
            for _ in 0..<5 { query.append(rng.next()) }  // absent (with overwhelming likelihood)
            var expected = [Int32](repeating: 0, count: nClasses)
            for f in query { for (c, v) in byKey[SparseLinearModel.shortKey(f)] ?? [] { expected[Int(c)] &+= Int32(v) } }
            var got = [Int32](repeating: 7, count: nClasses)
            query.withUnsafeBufferPointer { q in got.withUnsafeMutableBufferPointer { model.accumulate(q, into: $0) } }
            #expect(got == expected.map { $0 &+ 7 })
        }
    }

    @Test("One batch for several vectors equals one lookup per vector")
    func severalTargets() {
        let nClasses = 100
        let (model, features, byKey) = Self.randomModel(nClasses: nClasses, seed: 5)
        var rng = SplitMix64(seed: 11)
        let vectors = 6
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: vectors * nClasses)
        defer { buffer.deallocate() }
        for round in 0..<20 {
            buffer.initialize(repeating: 0, count: vectors * nClasses)
            var query: [UInt64] = [], targets: [UnsafeMutablePointer<Int32>] = []
            var expected = [[Int32]](repeating: [Int32](repeating: 0, count: nClasses), count: vectors)
            for _ in 0..<(40 + round * 3) {
                let f = rng.next() % 5 == 0 ? rng.next() : features[Int(rng.next() % UInt64(features.count))]
                // Runs of the same vector, and vectors revisited later.
                let v = Int(rng.next() % 3 == 0 ? rng.next() % UInt64(vectors) : UInt64(query.count / 9 % vectors))
                query.append(f)
                targets.append(buffer + v * nClasses)
                for (c, w) in byKey[SparseLinearModel.shortKey(f)] ?? [] { expected[v][Int(c)] &+= Int32(w) }
            }
            var scratch = [UInt32](repeating: 0, count: 2 * query.count)
            query.withUnsafeBufferPointer { q in
                targets.withUnsafeBufferPointer { t in
                    scratch.withUnsafeMutableBufferPointer { s in
                        model.accumulate(q.baseAddress!, into: t.baseAddress!, count: q.count, scratch: s.baseAddress!)
                    }
                }
            }
            for v in 0..<vectors {
                #expect(Array(UnsafeBufferPointer(start: buffer + v * nClasses, count: nClasses)) == expected[v])
            }
        }
    }

    static let sentences: [String] = [
        "The ministers met in Geneva on Tuesday to discuss the ceasefire .",
        "Hello",
        "\" We reject these accusations , \" the spokesman told reporters , adding that talks would resume next week .",
        "What did he say to them about the plan that was announced yesterday by the government of Kenya ?",
        "Xqzv blorfed the snarkiest wuggle near Zzyzx , OK ?",
        "( ( ( ) ) ) , , , . . .",
        "On 3 March 2024 , the envoy , who had arrived late , refused to sign , saying the text was unacceptable and that he would consult his capital before any vote .",
    ]

    @Test("Batched tagging equals word-by-word tagging")
    func taggerBatched() throws {
        let tagger = try PerceptronTagger.bundled()
        let scratch = PerceptronTagger.Scratch()
        // Longest first: buffers reused from a longer sentence must not leak into shorter ones.
        for sentence in Self.sentences.sorted(by: { $0.count > $1.count }) + Self.sentences {
            let forms = sentence.split(separator: " ").map { Substring($0) }
            #expect(tagger.tag(forms, scratch: scratch) == tagger.tagReference(forms))
            #expect(tagger.tag(forms) == tagger.tagReference(forms))
        }
        #expect(tagger.tag([]).isEmpty)
    }
}
