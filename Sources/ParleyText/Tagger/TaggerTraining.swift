import Foundation
import ParleyModel

extension PerceptronTagger {
    /// Trains a tagger on `train`, evaluating each epoch on `dev` and keeping the best epoch (the last one with
    /// `keepLast`, for training on data that includes `dev`, with an epoch count chosen beforehand).
    /// Deterministic for a given seed.
    public static func train(train: [CoNLLUSentence], dev: [CoNLLUSentence], epochs: Int = 8, seed: UInt64 = 1,
                             pruneThreshold: Float = 0.5, twoPass: Bool = true, keepLast: Bool = false,
                             log: (String) -> Void = { _ in }) -> PerceptronTagger {
        // Classes: UPOS/XPOS pairs, most frequent first.
        var classCounts: [String: Int] = [:]
        for s in train { for i in 0..<s.count { classCounts["\(s.upos[i]) \(s.xpos[i])", default: 0] += 1 } }
        let names = classCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let classId = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let gold: [[Int]] = train.map { s in (0..<s.count).map { classId["\(s.upos[$0]) \(s.xpos[$0])"]! } }

        let lexicon = buildLexicon(train, gold)
        let first = AveragedPerceptron(nClasses: names.count)
        let second = AveragedPerceptron(nClasses: names.count)
        var rng = SplitMix64(seed: seed)
        var order = Array(train.indices)
        var best: (acc: Double, tagger: PerceptronTagger?, epoch: Int) = (-1, nil, 0)
        var scores = [Float](repeating: 0, count: names.count)
        var features = [UInt64](repeating: 0, count: secondFeatureCount)
        let atomsOf: [[TokenAtoms]] = train.map { s in
            s.forms.map { f -> TokenAtoms in var a = TokenAtoms(f[...].utf8); lexicon.annotate(&a); return a }
        }

        for epoch in 1...epochs {
            order.shuffle(using: &rng)
            var correct = 0, correct2 = 0, total = 0
            for si in order {
                let s = train[si]
                let n = s.count
                var tags = [Int](repeating: 0, count: n)
                atomsOf[si].withUnsafeBufferPointer { atoms in
                    @inline(__always) func step(_ p: AveragedPerceptron, _ count: Int, truth: Int) -> Int {
                        let fs = Array(features[0..<count])
                        p.score(fs, into: &scores)
                        var guess = 0
                        for c in 1..<scores.count where scores[c] > scores[guess] { guess = c }
                        p.update(fs, truth: truth, guess: guess)
                        p.tick()
                        return guess
                    }
                    for i in 0..<n {
                        if atoms[i].fixedTag >= 0 { tags[i] = atoms[i].fixedTag; continue }
                        let p1 = i > 0 ? tags[i - 1] : -1, p2 = i > 1 ? tags[i - 2] : -2
                        let count = features.withUnsafeMutableBufferPointer { extract(atoms, i, p1, p2, into: $0) }
                        let guess = step(first, count, truth: gold[si][i])
                        tags[i] = guess
                        if guess == gold[si][i] { correct += 1 }
                        total += 1
                    }
                    guard twoPass else { return }
                    var prev1 = -1, prev2 = -2
                    for i in 0..<n {
                        var t = atoms[i].fixedTag
                        if t < 0 {
                            let r1 = i + 1 < n ? tags[i + 1] : -3, r2 = i + 2 < n ? tags[i + 2] : -4
                            let count = features.withUnsafeMutableBufferPointer {
                                extractSecond(atoms, i, prev1, prev2, r1, r2, into: $0)
                            }
                            t = step(second, count, truth: gold[si][i])
                            if t == gold[si][i] { correct2 += 1 }
                        }
                        tags[i] = t
                        prev2 = prev1; prev1 = t
                    }
                }
            }
            let one = PerceptronTagger(model: first.compact(threshold: pruneThreshold), lexicon: lexicon, classNames: names)
            let (upos1, xpos1) = one.accuracy(on: dev)
            var tagger = one
            var line = String(format: "tagger epoch %d: train %.4f (ambiguous tokens), dev UPOS %.4f XPOS %.4f, %d features, %d weights",
                              epoch, Double(correct) / Double(max(total, 1)), upos1, xpos1, one.model.featureCount, one.model.entryCount)
            if twoPass {
                tagger = PerceptronTagger(model: one.model, second: second.compact(threshold: pruneThreshold),
                                          lexicon: lexicon, classNames: names)
                let (upos2, xpos2) = tagger.accuracy(on: dev)
                line += String(format: "; two passes: train %.4f, dev UPOS %.4f XPOS %.4f, %d features, %d weights",
                               Double(correct2) / Double(max(total, 1)), upos2, xpos2,
                               tagger.second!.featureCount, tagger.second!.entryCount)
            }
            log(line)
            let (upos, _) = tagger.accuracy(on: dev)
            if keepLast || upos > best.acc { best = (upos, tagger, epoch) }
        }
        log("tagger: keeping epoch \(best.epoch)")
        return best.tagger!
    }

    static let lexiconMinCount = 6

    static func buildLexicon(_ train: [CoNLLUSentence], _ gold: [[Int]]) -> TagLexicon {
        var exact: [UInt64: [Int: Int]] = [:], lower: [UInt64: [Int: Int]] = [:]
        for (s, tags) in zip(train, gold) {
            for i in 0..<s.count {
                let a = TokenAtoms(s.forms[i][...].utf8)
                exact[FeatureHash.mix(0xE1, a.exact), default: [:]][tags[i], default: 0] += 1
                lower[FeatureHash.mix(0xE2, a.lower), default: [:]][tags[i], default: 0] += 1
            }
        }
        func value(_ counts: [Int: Int], allowFixed: Bool) -> UInt64 {
            let total = counts.values.reduce(0, +)
            var h: UInt64 = 0xAB
            for (tag, c) in counts.sorted(by: { $0.key < $1.key }) where Double(c) >= 0.1 * Double(total) {
                h = FeatureHash.mix(h, UInt64(tag))
            }
            var v = h & 0xFFFF_FFFF
            if allowFixed, let (tag, c) = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
               total >= 20, Double(c) >= 0.97 * Double(total) {
                v |= UInt64(tag + 1) << 32
            }
            return v
        }
        // Rare words stay out of the lexicon: their ambiguity class would just repeat their gold tag in
        // training, which teaches the model to trust the lexicon more than it deserves on unseen text.
        let minCount = lexiconMinCount
        var entries: [(UInt64, UInt64)] = []
        for (k, c) in exact where c.values.reduce(0, +) >= minCount { entries.append((k, value(c, allowFixed: true))) }
        for (k, c) in lower where c.values.reduce(0, +) >= minCount { entries.append((k, value(c, allowFixed: false))) }
        entries.sort { $0.0 < $1.0 }
        return TagLexicon(entries: entries)
    }

    /// UPOS and XPOS accuracy on gold-tokenised sentences.
    public func accuracy(on sentences: [CoNLLUSentence]) -> (upos: Double, xpos: Double) {
        var u = 0, x = 0, n = 0
        for s in sentences {
            let tags = tag(s.forms.map { $0[...] })
            for i in 0..<s.count {
                if classUPOS[tags[i]].description == s.upos[i] { u += 1 }
                if classXPOS[tags[i]] == s.xpos[i] { x += 1 }
                n += 1
            }
        }
        return (Double(u) / Double(max(n, 1)), Double(x) / Double(max(n, 1)))
    }
}
