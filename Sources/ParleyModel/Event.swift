/// An actor mention: a span of text coded as a CAMEO actor.
public struct ActorMention: Hashable, Sendable {
    public var span: Span
    public var text: String
    /// Full CAMEO actor code: country + sectors (IRNGOV, USAMIL) or IGO/NGO code (IGOUNO).
    public var code: String
    public var country: String?
    public var sector: String?
    /// The person's name, when the mention is (or resolves to) a named person.
    public var person: String?

    public init(span: Span, text: String, code: String, country: String? = nil, sector: String? = nil, person: String? = nil) {
        self.span = span
        self.text = text
        self.code = code
        self.country = country
        self.sector = sector
        self.person = person
    }
}

/// One end of an event: the actor's code and the mention it was read from.
public struct EventActor: Hashable, Sendable {
    public var code: String
    public var text: String
    public var span: Span?

    public init(code: String, text: String, span: Span?) {
        self.code = code
        self.text = text
        self.span = span
    }
}

public enum Modality: String, Hashable, Sendable, Codable, CaseIterable {
    case asserted, future, hypothetical, conditional, reported, denied
}

public struct EventLocation: Hashable, Sendable {
    public var text: String
    public var span: Span
    public var country: String?

    public init(text: String, span: Span, country: String?) {
        self.text = text
        self.span = span
        self.country = country
    }
}

public struct PloverCode: Hashable, Sendable {
    public var event: String
    public var mode: String?
    public var context: [String]

    public init(event: String, mode: String? = nil, context: [String] = []) {
        self.event = event
        self.mode = mode
        self.context = context
    }
}

/// A coded event: who did what to whom, when, and the sentence that says so.
public struct Event: Hashable, Sendable {
    public var sentence: Int
    public var trigger: Span?
    public var triggerText: String?
    public var source: EventActor?
    public var target: EventActor?
    /// CAMEO event code, 2–4 digits.
    public var cameo: String
    public var goldstein: Double
    /// GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    public var quad: Int
    public var plover: PloverCode?
    public var negated: Bool
    public var modality: Modality
    /// TIMEX3-style date (2025-11-09, 2025-11, 2018).
    public var date: String?
    public var quote: Int?
    public var location: EventLocation?

    public var root: String { String(cameo.prefix(2)) }

    public init(sentence: Int, trigger: Span? = nil, triggerText: String? = nil, source: EventActor?, target: EventActor?,
                cameo: String, goldstein: Double, quad: Int, plover: PloverCode? = nil, negated: Bool = false,
                modality: Modality = .asserted, date: String? = nil, quote: Int? = nil, location: EventLocation? = nil) {
        self.sentence = sentence
        self.trigger = trigger
        self.triggerText = triggerText
        self.source = source
        self.target = target
        self.cameo = cameo
        self.goldstein = goldstein
        self.quad = quad
        self.plover = plover
        self.negated = negated
        self.modality = modality
        self.date = date
        self.quote = quote
        self.location = location
    }
}
