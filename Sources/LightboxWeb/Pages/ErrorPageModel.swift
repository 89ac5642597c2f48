import Foundation

/// An error page: what happened and what to do next.
struct ErrorPageModel: PageModel {
    static let template = "error"
    var layout: LayoutModel
    var heading: String
    var message: String
}
