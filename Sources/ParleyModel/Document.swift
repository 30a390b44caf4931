import Foundation

/// A document as the text engine sees it: the exact text, its publication time, and the layers
/// the stages have added. All spans are UTF-8 byte offsets into `text`.
public struct Document: Sendable {
    public var id: String
    public var text: String
    /// Publication time, when known. Relative dates resolve against it.
    public var published: Date?

    public var sentences: [Sentence] = []
    public var tokens: [Token] = []
    public var dates: [DateMention] = []
    public var quotes: [Quote] = []
    public var actors: [ActorMention] = []
    public var events: [Event] = []
    /// Layers assigned so far.
    public var layers: Set<Annotation> = []

    public init(id: String, text: String, published: Date? = nil) {
        self.id = id
        self.text = text
        self.published = published
    }

    /// The text a span covers.
    public func text(_ span: Span) -> String { text.slice(span) }

    /// Index of the sentence holding a byte offset, by binary search.
    public func sentenceIndex(containing offset: Int) -> Int? {
        var lo = 0, hi = sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let s = sentences[mid].span
            if offset < s.start { hi = mid - 1 } else if offset >= s.end { lo = mid + 1 } else { return mid }
        }
        return nil
    }
}

/// One pass over a document: tokenizing, tagging, dating, quoting, coding.
public protocol TextStage: Sendable {
    var name: String { get }
    var requires: Set<Annotation> { get }
    var assigns: Set<Annotation> { get }
    func process(_ document: inout Document) throws
}

/// Stages run in order; building refuses a stage whose requirements no earlier stage assigns.
public struct Pipeline: Sendable {
    public let stages: [any TextStage]

    public struct MissingRequirement: Error, CustomStringConvertible {
        public let stage: String
        public let missing: Set<Annotation>
        public var description: String {
            "stage '\(stage)' requires \(missing.map(\.rawValue).sorted().joined(separator: ", ")), which no earlier stage assigns"
        }
    }

    public init(_ stages: [any TextStage]) throws {
        var assigned: Set<Annotation> = []
        for stage in stages {
            let missing = stage.requires.subtracting(assigned)
            guard missing.isEmpty else { throw MissingRequirement(stage: stage.name, missing: missing) }
            assigned.formUnion(stage.assigns)
        }
        self.stages = stages
    }

    public func run(_ document: inout Document) throws {
        for stage in stages {
            try stage.process(&document)
            document.layers.formUnion(stage.assigns)
        }
    }
}
