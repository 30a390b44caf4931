import ParleyModel

/// Gives each quote's speaker its actor code: the actor mention at the speaker (or at the name a pronoun
/// resolved to), else a mention of the same person elsewhere in the document.
public struct QuoteSpeakerLinker: TextStage {
    public let name = "quote-speakers"
    public var requires: Set<Annotation> { [.quotes, .actors] }
    public var assigns: Set<Annotation> { [] }

    public init() {}

    public func process(_ document: inout Document) throws {
        let actors = document.actors
        for i in document.quotes.indices {
            let q = document.quotes[i]
            guard q.speakerActor == nil else { continue }
            var found: ActorMention?
            for span in [q.speaker, q.speakerAntecedent].compactMap({ $0 }) {
                found = actors.filter { $0.span.overlaps(span) }.max { $0.span.overlap(with: span) < $1.span.overlap(with: span) }
                if found != nil { break }
            }
            if found == nil, let name = q.speakerText {
                let lower = name.lowercased()
                found = actors.first { $0.person?.lowercased() == lower }
                    ?? actors.first { a in a.person.map { p in p.lowercased().hasSuffix(" " + lower) || lower.hasSuffix(" " + p.lowercased()) } ?? false }
            }
            if let found { document.quotes[i].speakerActor = found.code }
        }
    }
}
