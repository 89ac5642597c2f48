import Foundation

/// Kinds of stock the department keeps (DOMAIN.md, Department operations: Stock).
public enum StockCategory: String, Sendable, Codable, CaseIterable {
    case contrast
    case syringe
    case cannula
    case linen
    case sterilePack = "sterile-pack"
    case immobilisation
    case other

    public var label: String {
        switch self {
        case .contrast: "Contrast"
        case .syringe: "Syringes"
        case .cannula: "Cannulas"
        case .linen: "Linen"
        case .sterilePack: "Sterile packs"
        case .immobilisation: "Immobilisation devices"
        case .other: "Other"
        }
    }
}
