import ParleyModel
import ParleyText

/// Parley's whole reading of a document: the text engine, actors, quote speakers' codes, and events.
public enum CodingEngine {
    /// The stages that follow actor recognition.
    public static func afterActorStages() throws -> [any TextStage] {
        [QuoteSpeakerLinker(), try EventCoder()]
    }

    public static func stages(knownPeople: [OfficeFact] = []) throws -> [any TextStage] {
        try TextEngine.stages() + [try ActorRecognizer(knownPeople: knownPeople)] + (try afterActorStages())
    }

    public static func pipeline(knownPeople: [OfficeFact] = []) throws -> Pipeline {
        try Pipeline(stages(knownPeople: knownPeople))
    }
}
