import Foundation

extension String {
    /// nil for an empty string, so optional text fields never hold "".
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
