import Foundation

/// What kind of exposure an incident was (CQC notification categories, DOMAIN.md "Dose").
public enum SAUEIncidentKind: String, Sendable, Codable, CaseIterable {
    /// The wrong patient or the wrong exam was exposed (code 1).
    case accidental
    /// The right patient and exam, but a dose greater than intended: repeats, equipment, settings (codes 2.1-2.4).
    case unintended
    /// An interventional or cardiology procedure with no procedural failure, judged against its local DRL (code 3).
    case interventional
    /// Only the foetus's dose is in question: a pregnant patient exposed, procedures followed or not (code 5).
    case foetal

    /// How the kind reads on a page or in the notification.
    public var label: String {
        switch self {
        case .accidental: "Accidental exposure (wrong patient or wrong exam)"
        case .unintended: "Unintended exposure (greater than intended)"
        case .interventional: "Interventional or cardiology procedure"
        case .foetal: "Foetal exposure"
        }
    }
}
