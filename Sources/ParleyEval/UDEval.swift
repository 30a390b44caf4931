import Foundation
import ParleyModel
import ParleyText

/// Scores the tagger, lemmatizer and parser on a UD CoNLL-U file with gold tokens (and predicted tags for the
/// parser and lemmatizer), and times the stages through their `TextStage.process` path.
public enum UDEval {
    public struct Report: Sendable, CustomStringConvertible {
        public var sentences = 0
        public var tokens = 0
        public var upos = 0.0
        public var xpos = 0.0
        public var lemma = 0.0
        public var uas = 0.0
        public var las = 0.0
        public var uasNoPunct = 0.0
        public var lasNoPunct = 0.0
        public var taggerSentencesPerSecond = 0.0
        public var parserSentencesPerSecond = 0.0
        public var bothSentencesPerSecond = 0.0
        public var lemmatizerSentencesPerSecond = 0.0
        public var labelErrors: [(String, Int)] = []

        public var description: String {
            var out = ""
            out += "sentences \(sentences), tokens \(tokens) (gold tokenisation; multiword ranges and empty nodes skipped)\n"
            out += String(format: "UPOS accuracy   %.4f\n", upos)
            out += String(format: "XPOS accuracy   %.4f\n", xpos)
            out += String(format: "lemma accuracy  %.4f  (predicted tags)\n", lemma)
            out += String(format: "UAS             %.4f  (predicted tags, all tokens incl. punctuation)\n", uas)
            out += String(format: "LAS             %.4f  (full labels incl. subtypes, all tokens)\n", las)
            out += String(format: "UAS / LAS without punctuation  %.4f / %.4f\n", uasNoPunct, lasNoPunct)
            out += String(format: "speed (thread CPU time, one core): tagger %.0f sent/s, parser %.0f sent/s, tagger+parser %.0f sent/s, lemmatizer %.0f sent/s\n",
                          taggerSentencesPerSecond, parserSentencesPerSecond, bothSentencesPerSecond, lemmatizerSentencesPerSecond)
            return out
        }
    }

    /// A document holding the sentences' gold tokens, separated by spaces.
    public static func document(_ sentences: [CoNLLUSentence]) -> Document {
        var text = ""
        var tokens: [Token] = []
        var sents: [Sentence] = []
        var offset = 0
        for s in sentences {
            let first = tokens.count, start = offset
            for f in s.forms {
                let n = f.utf8.count
                tokens.append(Token(span: Span(offset, offset + n), form: f))
                text += f
                text += " "
                offset += n + 1
            }
            sents.append(Sentence(span: Span(start, offset - 1), tokens: first..<tokens.count))
        }
        var doc = Document(id: "ud", text: text)
        doc.tokens = tokens
        doc.sentences = sents
        doc.layers = [.tokens, .sentences]
        return doc
    }

    public static func run(file: URL, tagger: PerceptronTagger, lemmatizer: Lemmatizer, parser: DependencyParser,
                           repeats: Int = 3) throws -> Report {
        let sentences = try CoNLLU.read(contentsOf: file)
        var report = Report()
        report.sentences = sentences.count
        let base = document(sentences)

        // Timing: CPU time of this thread (one core; other load on the machine does not count),
        // best of several runs of each stage over the whole file.
        func cpuNow() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        func time(_ body: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<repeats {
                let t0 = cpuNow()
                try body()
                best = min(best, cpuNow() - t0)
            }
            return best
        }
        var tagged = base
        let tTag = try time { var d = base; try tagger.process(&d); tagged = d }
        var parsed = tagged
        let tParse = try time { var d = tagged; try parser.process(&d); parsed = d }
        var lemmatized = tagged
        let tLem = try time { var d = tagged; try lemmatizer.process(&d); lemmatized = d }
        let n = Double(sentences.count)
        report.taggerSentencesPerSecond = n / tTag
        report.parserSentencesPerSecond = n / tParse
        report.bothSentencesPerSecond = n / (tTag + tParse)
        report.lemmatizerSentencesPerSecond = n / tLem

        var u = 0, x = 0, lem = 0, ua = 0, la = 0, total = 0, uaNP = 0, laNP = 0, totalNP = 0
        var errors: [String: Int] = [:]
        for (si, s) in sentences.enumerated() {
            let sent = base.sentences[si]
            for (k, i) in sent.tokens.enumerated() {
                total += 1
                let t = parsed.tokens[i]
                if t.pos?.description == s.upos[k] { u += 1 }
                if t.xpos == s.xpos[k] { x += 1 }
                if lemmatized.tokens[i].lemma == s.lemmas[k] { lem += 1 }
                let head = (t.head ?? -2) < 0 ? -1 : t.head! - sent.tokens.lowerBound
                let headOK = head == s.heads[k]
                let labelOK = t.dep == s.deprels[k]
                if headOK { ua += 1; if labelOK { la += 1 } }
                if !labelOK { errors["\(s.deprels[k]) → \(t.dep ?? "nil")", default: 0] += 1 }
                if s.upos[k] != "PUNCT" {
                    totalNP += 1
                    if headOK { uaNP += 1; if labelOK { laNP += 1 } }
                }
            }
        }
        let d = Double(max(total, 1))
        report.tokens = total
        report.upos = Double(u) / d
        report.xpos = Double(x) / d
        report.lemma = Double(lem) / d
        report.uas = Double(ua) / d
        report.las = Double(la) / d
        report.uasNoPunct = Double(uaNP) / Double(max(totalNP, 1))
        report.lasNoPunct = Double(laNP) / Double(max(totalNP, 1))
        report.labelErrors = errors.sorted { $0.value > $1.value }.prefix(15).map { ($0.key, $0.value) }
        return report
    }
}
