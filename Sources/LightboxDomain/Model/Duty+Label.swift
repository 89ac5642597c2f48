import Foundation

extension Duty {
    /// Words for messages ("justify", "perform").
    var label: String {
        switch self {
        case .refer: "refer for"
        case .justify: "justify"
        case .authorise: "authorise"
        case .operate: "perform"
        case .checkImages: "check the images of"
        case .report: "report"
        }
    }
}
