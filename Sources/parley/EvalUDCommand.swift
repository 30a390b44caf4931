import ArgumentParser
import Foundation
import ParleyEval
import ParleyText

/// `parley eval ud`: tagger, lemmatizer and parser on UD English EWT (gold tokens).
struct EvalUDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ud",
        abstract: "Score the tagger, lemmatizer and parser on UD English EWT with gold tokens, and time them."
    )

    @OptionGroup var shared: SharedOptions

    @Option(help: "Which split to score: test or dev.")
    var split: String = "test"

    @Option(help: "Timing runs per stage (the best is kept).")
    var repeats: Int = 3

    @Flag(help: "Also print the most frequent label confusions.")
    var confusions = false

    @Option(help: "Prune the parser's weights below this magnitude before scoring (to study size/accuracy).")
    var pruneParser: Float?

    func run() throws {
        let file = shared.url.appendingPathComponent("data/ud-english-ewt/en_ewt-ud-\(split).conllu")
        let t0 = Date()
        let tagger = try PerceptronTagger.bundled()
        let lemmatizer = try Lemmatizer.bundled()
        var parser = try DependencyParser.bundled()
        if let pruneParser {
            parser = parser.pruned(threshold: pruneParser)
            print("parser pruned to \(parser.modelSize.features) features, \(parser.modelSize.weights) weights")
        }
        print(String(format: "models loaded in %.3f s", Date().timeIntervalSince(t0)))
        let report = try UDEval.run(file: file, tagger: tagger, lemmatizer: lemmatizer, parser: parser, repeats: repeats)
        print("UD English EWT \(split): \(file.path)")
        print(report, terminator: "")
        if confusions {
            print("most frequent label errors (gold → predicted):")
            for (k, v) in report.labelErrors { print("  \(v)\t\(k)") }
        }
    }
}
