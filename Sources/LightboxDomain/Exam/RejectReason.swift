import Foundation

/// Why an image was rejected or repeated (reject analysis).
public enum RejectReason: String, Sendable, Codable, CaseIterable {
    case positioning, exposure, motion, artefact, equipment, other
}
