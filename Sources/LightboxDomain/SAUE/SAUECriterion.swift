import Foundation

/// One notification criterion of CQC's table (England), DOMAIN.md "Dose", with its notification code.
public enum SAUECriterion: String, Sendable, Codable, CaseIterable {
    /// Code 1: accidental exposure of an adult at the adult threshold or more.
    case accidentalAdult = "accidental-adult"
    /// Code 1: accidental exposure of a child at the child threshold or more.
    case accidentalChild = "accidental-child"
    /// Code 2.1: intended dose below the low band's limit, total at the adult or child threshold or more.
    case unintendedLowIntended = "unintended-low-intended"
    /// Code 2.2: intended dose in the middle band, total a multiple of the intended or more.
    case unintendedMiddleIntended = "unintended-middle-intended"
    /// Code 2.3: intended dose in the upper band, total at a fixed dose or more.
    case unintendedUpperIntended = "unintended-upper-intended"
    /// Code 2.4: intended dose above the upper band, total a multiple of the intended or more.
    case unintendedHighIntended = "unintended-high-intended"
    /// Code 3: interventional dose a multiple of the local DRL or more.
    case interventionalDRL = "interventional-drl"
    /// Code 3: observable tissue effects beyond transient erythema.
    case interventionalTissueEffects = "interventional-tissue-effects"
    /// Code 5: foetal dose over the threshold.
    case foetalDose = "foetal-dose"

    /// CQC's notification code.
    public var code: String {
        switch self {
        case .accidentalAdult, .accidentalChild: "1"
        case .unintendedLowIntended: "2.1"
        case .unintendedMiddleIntended: "2.2"
        case .unintendedUpperIntended: "2.3"
        case .unintendedHighIntended: "2.4"
        case .interventionalDRL, .interventionalTissueEffects: "3"
        case .foetalDose: "5"
        }
    }

    /// How the criterion reads on a page or in the notification.
    public var label: String {
        switch self {
        case .accidentalAdult: "Accidental exposure, adult"
        case .accidentalChild: "Accidental exposure, child"
        case .unintendedLowIntended: "Unintended exposure, low intended dose"
        case .unintendedMiddleIntended: "Unintended exposure, intended dose in the middle band"
        case .unintendedUpperIntended: "Unintended exposure, intended dose in the upper band"
        case .unintendedHighIntended: "Unintended exposure, high intended dose"
        case .interventionalDRL: "Interventional, multiple of the local DRL"
        case .interventionalTissueEffects: "Interventional, tissue effects beyond transient erythema"
        case .foetalDose: "Foetal dose"
        }
    }
}
