import Foundation
import ParleyModel
import Testing
@testable import ParleyText

/// A tiny treebank from "form/UPOS/XPOS" tokens (heads and labels are not needed by the tagger).
private func sentences(_ lines: [String]) -> [CoNLLUSentence] {
    lines.map { line in
        var s = CoNLLUSentence()
        for token in line.split(separator: " ") {
            let parts = token.split(separator: "/").map(String.init)
            s.forms.append(parts[0]); s.upos.append(parts[1]); s.xpos.append(parts[2])
            s.lemmas.append(parts[0]); s.heads.append(-1); s.deprels.append("dep")
        }
        return s
    }
}

/// "saw" / "duck" style ambiguity that only the right context resolves: "X can" is a modal before a verb and a
/// noun before a full stop.
private let toyTreebank = sentences([
    "we/PRON/PRP can/AUX/MD fish/VERB/VB ./PUNCT/.",
    "they/PRON/PRP can/AUX/MD swim/VERB/VB ./PUNCT/.",
    "we/PRON/PRP saw/VERB/VBD the/DET/DT can/NOUN/NN ./PUNCT/.",
    "they/PRON/PRP opened/VERB/VBD a/DET/DT can/NOUN/NN ./PUNCT/.",
    "you/PRON/PRP can/AUX/MD go/VERB/VB now/ADV/RB ./PUNCT/.",
    "the/DET/DT can/NOUN/NN is/AUX/VBZ red/ADJ/JJ ./PUNCT/.",
    "a/DET/DT fish/NOUN/NN can/AUX/MD swim/VERB/VB ./PUNCT/.",
    "we/PRON/PRP fish/VERB/VBP ./PUNCT/.",
])

@Suite("Tagger training and the second pass")
struct TaggerTrainingTests {
    @Test("Training is deterministic and a written model reads back with identical tags", arguments: [false, true])
    func roundTrip(twoPass: Bool) throws {
        let a = PerceptronTagger.train(train: toyTreebank, dev: toyTreebank, epochs: 4, seed: 3, pruneThreshold: 0, twoPass: twoPass)
        let b = PerceptronTagger.train(train: toyTreebank, dev: toyTreebank, epochs: 4, seed: 3, pruneThreshold: 0, twoPass: twoPass)
        #expect((a.second != nil) == twoPass)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try a.write(to: url)
        let c = try PerceptronTagger(data: Data(contentsOf: url))
        #expect((c.second != nil) == twoPass)
        for s in toyTreebank + sentences(["they/PRON/PRP can/AUX/MD fish/VERB/VB now/ADV/RB ./PUNCT/."]) {
            let tags = a.tags(s.forms).map(\.xpos)
            #expect(b.tags(s.forms).map(\.xpos) == tags)
            #expect(c.tags(s.forms).map(\.xpos) == tags)
        }
    }

    @Test("Both passes learn the toy treebank")
    func learnsToy() {
        let t = PerceptronTagger.train(train: toyTreebank, dev: toyTreebank, epochs: 6, seed: 1, pruneThreshold: 0, twoPass: true)
        #expect(t.accuracy(on: toyTreebank).upos >= 0.9)
        #expect(t.firstPassOnly.second == nil)
    }

    @Test("Second-pass margin: at Int32.min every word keeps its first-pass tag; at Int32.max every word is re-tagged")
    func secondPassMargin() throws {
        var t = try PerceptronTagger.bundled()
        let first = t.firstPassOnly
        let forms = ["The", "old", "man", "the", "boats", "while", "they", "can", "fish", "."]
        t.secondPassMargin = Int32.min
        #expect(t.tags(forms).map(\.xpos) == first.tags(forms).map(\.xpos))
        t.secondPassMargin = Int32.max
        let full = t.tags(forms).map(\.xpos)
        t.secondPassMargin = PerceptronTagger.defaultSecondPassMargin
        #expect(t.tags(forms).count == full.count)
    }

    @Test("Degenerate sentences: empty, one token, unknown bytes")
    func degenerate() throws {
        let t = try PerceptronTagger.bundled()
        #expect(t.tags([]).isEmpty)
        #expect(t.tags(["Hello"]).count == 1)
        #expect(t.tags(["\u{00E9}t\u{00E9}", "\u{1F600}", ""]).count == 3)
    }

    @Test("Longer affixes are hashed only when the word is long enough")
    func affixes() {
        let short = TokenAtoms("cat"[...].utf8), long = TokenAtoms("cations"[...].utf8), other = TokenAtoms("nations"[...].utf8)
        #expect(short.suf5 == TokenAtoms("dog"[...].utf8).suf5)   // both too short: the same padding value
        #expect(long.suf5 == other.suf5)                          // "tions"
        #expect(long.pre4 != other.pre4)                          // "cati" vs "nati"
        #expect(TokenAtoms("Nations"[...].utf8).suf5 == other.suf5)  // suffixes are lowercased
    }
}
