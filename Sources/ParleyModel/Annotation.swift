/// UD universal part-of-speech tags.
public enum UPOS: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X

    public init?(string: String) {
        guard let tag = UPOS.allCases.first(where: { "\($0)" == string }) else { return nil }
        self = tag
    }

    public var description: String {
        switch self {
        case .ADJ: "ADJ"
        case .ADP: "ADP"
        case .ADV: "ADV"
        case .AUX: "AUX"
        case .CCONJ: "CCONJ"
        case .DET: "DET"
        case .INTJ: "INTJ"
        case .NOUN: "NOUN"
        case .NUM: "NUM"
        case .PART: "PART"
        case .PRON: "PRON"
        case .PROPN: "PROPN"
        case .PUNCT: "PUNCT"
        case .SCONJ: "SCONJ"
        case .SYM: "SYM"
        case .VERB: "VERB"
        case .X: "X"
        }
    }
}

/// One token of a document. `form` is the token's text (for clitics such as "n't" the text as written).
public struct Token: Hashable, Sendable {
    public var span: Span
    public var form: String
    public var pos: UPOS?
    /// Penn Treebank tag, where the tagger predicts one (optional).
    public var xpos: String?
    public var lemma: String?
    /// Index of the head token in the document's token list; -1 for a root, nil before parsing.
    public var head: Int?
    public var dep: String?

    public init(span: Span, form: String, pos: UPOS? = nil, xpos: String? = nil, lemma: String? = nil,
                head: Int? = nil, dep: String? = nil) {
        self.span = span
        self.form = form
        self.pos = pos
        self.xpos = xpos
        self.lemma = lemma
        self.head = head
        self.dep = dep
    }
}

/// A sentence: its byte span and the range of its tokens in the document's token list.
public struct Sentence: Hashable, Sendable {
    public var span: Span
    public var tokens: Range<Int>

    public init(span: Span, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}

/// A date expression normalised to a TIMEX3 value.
public struct DateMention: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable { case date = "DATE", time = "TIME", duration = "DURATION", set = "SET" }
    public var span: Span
    public var text: String
    /// TIMEX3 value: 2025-11-09, 2025-11, 2025, 2025-W45, 2025-Q4, PRESENT_REF, PAST_REF, FUTURE_REF, P3D …
    public var value: String
    public var type: Kind

    public init(span: Span, text: String, value: String, type: Kind = .date) {
        self.span = span
        self.text = text
        self.value = value
        self.type = type
    }
}

/// A quotation or reported statement with its cue and speaker.
public struct Quote: Hashable, Sendable {
    public var content: Span
    public var cue: Span?
    /// The mention the cue attaches to in the passage ("he", "Araghchi", "the ministry").
    public var speaker: Span?
    /// The resolved speaker name where known ("Abbas Araghchi").
    public var speakerText: String?
    /// Where the resolved name was found (may differ from `speaker` when a pronoun was resolved).
    public var speakerAntecedent: Span?
    /// Actor code of the speaker, filled by the coding stage.
    public var speakerActor: String?
    public var direct: Bool

    public init(content: Span, cue: Span? = nil, speaker: Span? = nil, speakerText: String? = nil,
                speakerAntecedent: Span? = nil, speakerActor: String? = nil, direct: Bool) {
        self.content = content
        self.cue = cue
        self.speaker = speaker
        self.speakerText = speakerText
        self.speakerAntecedent = speakerAntecedent
        self.speakerActor = speakerActor
        self.direct = direct
    }
}

/// The annotation layers a text stage can require or assign.
public enum Annotation: String, Hashable, Sendable, CaseIterable {
    case sentences, tokens, pos, lemmas, parse, dates, quotes, actors, events
}
