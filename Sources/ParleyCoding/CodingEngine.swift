import ParleyModel
import ParleyText

/// Parley's whole reading of a document: the text engine, actors, quote speakers' codes, and events.
public enum CodingEngine {
    /// The stages that follow actor recognition.
    public static func afterActorStages() -> [any TextStage] {
        [QuoteSpeakerLinker()]
    }

    public static func stages(knownPeople: [LearnedOffice] = []) throws -> [any TextStage] {
        try TextEngine.stages() + [try ActorRecognizer(knownPeople: knownPeople)] + afterActorStages()
    }

    public static func pipeline(knownPeople: [LearnedOffice] = []) throws -> Pipeline {
        try Pipeline(stages(knownPeople: knownPeople))
    }
}
