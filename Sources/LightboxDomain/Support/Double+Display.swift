import Foundation

extension Double {
    /// "60" rather than "60.0".
    var clean: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
