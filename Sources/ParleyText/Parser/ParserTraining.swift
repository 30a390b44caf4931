import Foundation
import ParleyModel

extension DependencyParser {
    /// Parses one sentence from its forms and tags. Heads are 0-based within the sentence, -1 for the root.
    public func parse(forms: [String], upos: [UPOS], xpos: [String]) -> (heads: [Int], labels: [String]) {
        let words = forms.map { FeatureHash.bytes($0.utf8, lowercase: true) }
        let tags = zip(upos, xpos).map { Self.tagAtom(upos: $0.rawValue, xpos: $1[...].utf8) }
        let (h, l) = parse(words: words, tags: tags, suffixes: forms.map { Self.suffixAtom($0[...].utf8) })
        return (h, l.map { labels[$0] })
    }

    /// Unlabelled and labelled attachment scores over all tokens (punctuation included).
    public func attachmentScores(_ sentences: [CoNLLUSentence], tags: [[(UPOS, String)]]) -> (uas: Double, las: Double) {
        var u = 0, l = 0, n = 0
        for (s, t) in zip(sentences, tags) {
            let (h, lab) = parse(forms: s.forms, upos: t.map(\.0), xpos: t.map(\.1))
            for i in 0..<s.count {
                n += 1
                if h[i] == s.heads[i] { u += 1; if lab[i] == s.deprels[i] { l += 1 } }
            }
        }
        return (Double(u) / Double(max(n, 1)), Double(l) / Double(max(n, 1)))
    }

    /// Trains the parser with a dynamic oracle and error exploration, evaluating every epoch on `dev`
    /// and keeping the best (the last with `keepLast`, for training on data that includes `dev`, with an epoch count
    /// chosen beforehand). `trainTags`/`devTags` are the tags the parser sees (predicted ones ideally).
    public static func train(train: [CoNLLUSentence], trainTags: [[(UPOS, String)]],
                             dev: [CoNLLUSentence], devTags: [[(UPOS, String)]],
                             epochs: Int = 12, seed: UInt64 = 7, explore: Double = 0.9, keepLast: Bool = false,
                             pruneThreshold: Float = 0.5, log: (String) -> Void = { _ in }) -> DependencyParser {
        var labelCounts: [String: Int] = [:]
        for s in train { for r in s.deprels { labelCounts[r, default: 0] += 1 } }
        let labels = labelCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let labelId = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let L = labels.count
        let rootLabel = labelId["root"] ?? 0
        let nClasses = 2 + 2 * L
        let perceptron = AveragedPerceptron(nClasses: nClasses)
        var rng = SplitMix64(seed: seed)
        var order = Array(train.indices)
        var best: (las: Double, parser: DependencyParser?, epoch: Int) = (-1, nil, 0)
        var scores = [Float](repeating: 0, count: nClasses)
        var costs = [Int](repeating: 0, count: nClasses)
        var features = [UInt64](repeating: 0, count: featureCount)

        // Atoms per training sentence. Words seen only once get a random identity per occurrence, so that the
        // model learns to attach them from tags and context, as it must for words it has never seen.
        var wordCounts: [UInt64: Int] = [:]
        for s in train { for f in s.forms { wordCounts[FeatureHash.bytes(f.utf8, lowercase: true), default: 0] += 1 } }
        let rareLimit = 1
        let atoms: [([UInt64], [UInt64], [UInt64])] = zip(train, trainTags).map { s, t in
            var (w, p, sx) = atomsFor(forms: s.forms, tags: t)
            for i in 1..<w.count where wordCounts[w[i], default: 0] <= rareLimit { w[i] = rng.next() }
            return (w, p, sx)
        }

        for epoch in 1...epochs {
            order.shuffle(using: &rng)
            var correct = 0, total = 0
            for si in order {
                let s = train[si]
                let n = s.count
                let (w, p, sx) = atoms[si]
                var g = [Int](repeating: -1, count: n + 1), gl = [Int](repeating: -1, count: n + 1)
                for i in 0..<n { g[i + 1] = s.heads[i] + 1; gl[i + 1] = labelId[s.deprels[i]]! }
                var state = ArcEagerState(n: n, labelCount: L, rootLabel: rootLabel)
                while !state.isTerminal {
                    let count = features.withUnsafeMutableBufferPointer { extract(state, w, p, sx, into: $0) }
                    let fs = Array(features[0..<count])
                    perceptron.score(fs, into: &scores)
                    let kc = state.kindCosts(goldHeads: g)
                    let s0 = state.s0, b = state.buffer
                    var minCost = Int.max
                    for a in 0..<nClasses {
                        var c: Int
                        if a == 0 { c = kc.0 } else if a == 1 { c = kc.1 }
                        else if a < 2 + L {
                            let l = a - 2
                            if kc.2 == Int.max || l == rootLabel { c = Int.max }
                            else { c = kc.2 + ((g[s0] == b && gl[s0] != l) ? 1 : 0) }
                        } else {
                            let l = a - 2 - L
                            if kc.3 == Int.max || ((s0 == 0) != (l == rootLabel)) { c = Int.max }
                            else { c = kc.3 + ((g[b] == s0 && gl[b] != l) ? 1 : 0) }
                        }
                        costs[a] = c
                        if c < minCost { minCost = c }
                    }
                    var guess = -1, oracle = -1
                    for a in 0..<nClasses where costs[a] != Int.max {
                        if guess < 0 || scores[a] > scores[guess] { guess = a }
                        if costs[a] == minCost, oracle < 0 || scores[a] > scores[oracle] { oracle = a }
                    }
                    total += 1
                    if costs[guess] > minCost {
                        perceptron.update(fs, truth: oracle, guess: guess)
                    } else {
                        correct += 1
                    }
                    perceptron.tick()
                    let follow: Int
                    if costs[guess] == minCost { follow = guess }
                    else if epoch > 1, Double(rng.next() >> 11) / Double(1 << 53) < explore { follow = guess }
                    else { follow = oracle }
                    state.apply(follow)
                }
            }
            let parser = DependencyParser(model: perceptron.compact(threshold: pruneThreshold), labels: labels)
            let (uas, las) = parser.attachmentScores(dev, tags: devTags)
            log(String(format: "parser epoch %d: train transitions %.4f, dev UAS %.4f LAS %.4f, %d features, %d weights",
                       epoch, Double(correct) / Double(max(total, 1)), uas, las, parser.model.featureCount, parser.model.entryCount))
            if keepLast || las > best.las { best = (las, parser, epoch) }
        }
        log("parser: keeping epoch \(best.epoch)")
        return best.parser!
    }

    static func atomsFor(forms: [String], tags: [(UPOS, String)]) -> ([UInt64], [UInt64], [UInt64]) {
        atoms(words: forms.map { FeatureHash.bytes($0.utf8, lowercase: true) },
              tags: tags.map { tagAtom(upos: $0.0.rawValue, xpos: $0.1[...].utf8) },
              suffixes: forms.map { suffixAtom($0[...].utf8) })
    }
}
