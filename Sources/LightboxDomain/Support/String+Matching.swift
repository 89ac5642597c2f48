import Foundation

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var normalisedForMatching: String {
        lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
