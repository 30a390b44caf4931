import ArgumentParser
import Foundation
import ParleyModel
import ParleyText

/// `parley train`: retrains the tagger, lemmatizer and parser on UD English EWT and writes the model files.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the tagger, lemmatizer and parser on UD English EWT.",
        discussion: """
        By default the models learn from the train split and keep their best epoch on dev. --with-dev trains on train
        and dev together for exactly the given epochs (choose them on a run without it first: the tagger's best was
        epoch 7 of 8, the parser's 8 of 10).
        """
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "Where to write tagger.bin, lemmatizer.bin and parser.bin.")
    var output: String = "Sources/ParleyText/Resources"

    @Option(help: "Tagger epochs (the best on dev is kept, unless --with-dev).")
    var taggerEpochs: Int = 8

    @Option(help: "Tagger passes: 1 (left to right) or 2 (a second pass also sees the first pass's tags of the next two words).")
    var taggerPasses: Int = 2

    @Option(help: "Parser epochs (the best on dev is kept, unless --with-dev).")
    var parserEpochs: Int = 10

    @Option(help: "Folds for jackknifed training tags for the parser (0: train the parser on gold tags).")
    var jackknife: Int = 3

    @Option(help: "Tagger epochs for each jackknife fold.")
    var jackknifeEpochs: Int = 4

    @Option(help: "A file keeping the jackknifed training tags between runs: read when present, written when not.")
    var tagsCache: String?

    @Option(help: "Weights below this magnitude (averaged) are pruned from the models while training.")
    var prune: Float = 0.5

    @Option(help: "The parser is pruned further to this magnitude before it is written (size and speed).")
    var parserPrune: Float = 1.0

    @Flag(help: "Train on the train and dev splits together for exactly the given epochs, keeping the last.")
    var withDev = false

    @Option(help: "Which models to train: all, tagger, lemmatizer, parser.")
    var only: String = "all"

    @Flag(help: "Print the tagger's most frequent dev errors.")
    var showErrors = false

    @Option(help: "Instead of training, prune the parser model in --output to this weight magnitude and rewrite it.")
    var repackParser: Float?

    func run() throws {
        if let repackParser {
            let url = URL(fileURLWithPath: output).appendingPathComponent("parser.bin")
            let parser = try DependencyParser(data: Data(contentsOf: url)).pruned(threshold: repackParser)
            try parser.write(to: url)
            print("parser: \(parser.modelSize.features) features, \(parser.modelSize.weights) weights")
            return
        }
        let dir = shared.url.appendingPathComponent("data/ud-english-ewt")
        let dev = try CoNLLU.read(contentsOf: dir.appendingPathComponent("en_ewt-ud-dev.conllu"))
        let train = try CoNLLU.read(contentsOf: dir.appendingPathComponent("en_ewt-ud-train.conllu")) + (withDev ? dev : [])
        let out = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let log: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let clock = Date()
        log("train \(train.count) sentences\(withDev ? " (train and dev splits)" : ""), dev \(dev.count) sentences")

        if only == "all" || only == "lemmatizer" {
            let lemmatizer = Lemmatizer.train(train)
            try lemmatizer.write(to: out.appendingPathComponent("lemmatizer.bin"))
            log(String(format: "lemmatizer: dev accuracy %.4f (gold tags)", lemmatizer.accuracy(dev)))
        }

        var tagger: PerceptronTagger?
        if only == "all" || only == "tagger" || only == "parser" {
            if only == "parser", let data = try? Data(contentsOf: out.appendingPathComponent("tagger.bin")) {
                tagger = try PerceptronTagger(data: data)
            } else {
                let t = PerceptronTagger.train(train: train, dev: dev, epochs: taggerEpochs, seed: 1, pruneThreshold: prune,
                                                   twoPass: taggerPasses >= 2, keepLast: withDev, log: log)
                try t.write(to: out.appendingPathComponent("tagger.bin"))
                tagger = t
                if showErrors {
                    var conf: [String: Int] = [:]
                    for s in dev {
                        let tags = t.tags(s.forms)
                        for i in 0..<s.count where tags[i].xpos != s.xpos[i] {
                            conf["\(s.upos[i])/\(s.xpos[i]) -> \(tags[i].upos)/\(tags[i].xpos)  \(s.forms[i])", default: 0] += 1
                        }
                    }
                    for (k, v) in conf.sorted(by: { $0.value > $1.value }).prefix(60) { log("  \(v) \(k)") }
                }
            }
            log(String(format: "elapsed %.0f s", Date().timeIntervalSince(clock)))
        }

        if only == "all" || only == "parser", let tagger {
            let devTags = dev.map { tagger.tags($0.forms).map { ($0.upos, $0.xpos) } }
            var trainTags: [[(UPOS, String)]]
            // The settings the jackknifed tags depend on: a cache made with others is not read.
            let cacheKey = "# parley jackknifed tags: \(train.count) sentences, \(jackknife) folds of \(jackknifeEpochs) epochs, "
                + "prune \(prune), \(taggerPasses) passes, with dev \(withDev)"
            var cached: [[(UPOS, String)]]?
            if jackknife >= 2, let cache = tagsCache, FileManager.default.fileExists(atPath: cache) {
                do {
                    cached = try Self.readTags(cache, key: cacheKey)
                    if cached == nil { log("\(cache) was made with other settings: tagging again") }
                } catch {
                    log("\(error): tagging again")
                }
            }
            if let cached, cached.count == train.count {
                trainTags = cached
                log("jackknifed tags read from \(tagsCache ?? "")")
            } else if jackknife >= 2 {
                trainTags = Array(repeating: [], count: train.count)
                for fold in 0..<jackknife {
                    let held = train.indices.filter { $0 % jackknife == fold }
                    let rest = train.indices.filter { $0 % jackknife != fold }.map { train[$0] }
                    let t = PerceptronTagger.train(train: rest, dev: dev, epochs: jackknifeEpochs, seed: UInt64(100 + fold),
                                                   pruneThreshold: prune, twoPass: taggerPasses >= 2, keepLast: withDev, log: { _ in })
                    for i in held { trainTags[i] = t.tags(train[i].forms).map { ($0.upos, $0.xpos) } }
                    log("jackknife fold \(fold + 1)/\(jackknife) tagged")
                }
                if let cache = tagsCache { try Self.writeTags(trainTags, key: cacheKey, to: cache) }
            } else {
                trainTags = train.map { s in s.count == 0 ? [] : (0..<s.count).map { (UPOS(string: s.upos[$0]) ?? .X, s.xpos[$0]) } }
            }
            let parser = DependencyParser.train(train: train, trainTags: trainTags, dev: dev, devTags: devTags,
                                                epochs: parserEpochs, seed: 7, keepLast: withDev, pruneThreshold: prune, log: log)
            let final = parser.pruned(threshold: parserPrune)
            try final.write(to: out.appendingPathComponent("parser.bin"))
            log("parser: pruned to \(final.modelSize.features) features, \(final.modelSize.weights) weights")
            log(String(format: "elapsed %.0f s", Date().timeIntervalSince(clock)))
        }
    }

    /// Tags one token a line ("UPOS<TAB>XPOS"), a blank line after each sentence, after a first line naming the
    /// settings they were made with.
    static func writeTags(_ tags: [[(UPOS, String)]], key: String, to path: String) throws {
        var out = key + "\n"
        for sentence in tags {
            for (u, x) in sentence { out += "\(u.rawValue)\t\(x)\n" }
            out += "\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The tags of a file `writeTags` wrote with the same `key`; nil when it was made with other settings.
    static func readTags(_ path: String, key: String) throws -> [[(UPOS, String)]]? {
        var result: [[(UPOS, String)]] = []
        var current: [(UPOS, String)] = []
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == key else { return nil }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        for (n, line) in lines.enumerated() {
            if line.isEmpty {
                result.append(current)
                current = []
                continue
            }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, let raw = UInt8(parts[0]), let u = UPOS(rawValue: raw) else {
                throw ValidationError("\(path):\(n + 2): bad tag line '\(line)'")
            }
            current.append((u, String(parts[1])))
        }
        return result
    }
}
