import Foundation

/// How contrast is given. An intra-arterial route is itself a renal risk factor.
public enum ContrastRoute: String, Sendable, Codable, CaseIterable {
    case intravenous, intraArterial, oral, rectal, intrathecal, intraArticular
}
