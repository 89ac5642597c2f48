import Foundation

/// A page's view: every value its template shows, worked out in Swift (stored properties only,
/// because templates read them through reflection), so a page's logic is tested without HTML.
protocol PageModel: Sendable {
    /// The template's name in `Resources/Templates`, without `.mustache`.
    static var template: String { get }
    var layout: LayoutModel { get }
}
