import Foundation

/// A session of the day on the rota (DOMAIN.md "Service hours": 7 days, 08:00 to 20:00 by default; departments that
/// open longer roster evenings and nights).
public enum RotaSession: String, Sendable, Codable, CaseIterable, Comparable {
    case morning
    case afternoon
    case evening
    case night

    /// How the session reads on the rota.
    public var label: String {
        switch self {
        case .morning: "Morning"
        case .afternoon: "Afternoon"
        case .evening: "Evening"
        case .night: "Night"
        }
    }

    public static func < (lhs: RotaSession, rhs: RotaSession) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
