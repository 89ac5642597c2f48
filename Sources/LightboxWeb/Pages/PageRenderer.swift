import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The pages' Mustache templates and static files (stylesheet, scripts), read once from the
/// package's resources. Templates escape every `{{value}}` for HTML; none uses `{{{raw}}}`.
public struct PageRenderer: Sendable {
    /// A static file served under `/static/`.
    struct StaticFile: Sendable {
        var bytes: ByteBuffer
        var contentType: String
    }

    struct MissingResources: Error, CustomStringConvertible {
        var description: String
    }

    let library: MustacheLibrary
    let staticFiles: [String: StaticFile]

    /// Reads `Templates/*.mustache` and `Static/*` from `directory`.
    init(directory: URL) throws {
        let files = FileManager.default
        let templates = directory.appendingPathComponent("Templates")
        var library = MustacheLibrary()
        for name in try files.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        let statics = directory.appendingPathComponent("Static")
        var staticFiles: [String: StaticFile] = [:]
        for name in try files.contentsOfDirectory(atPath: statics.path) {
            let data = try Data(contentsOf: statics.appendingPathComponent(name))
            staticFiles[name] = StaticFile(bytes: ByteBuffer(bytes: data), contentType: Self.contentType(of: name))
        }
        self.library = library
        self.staticFiles = staticFiles
    }

    /// The renderer over the templates shipped in this module's resources.
    public static let bundled: Result<PageRenderer, any Error> = Result {
        // `.copy("Resources")` keeps the folder; the bundle's resource URL may or may not already be it.
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw MissingResources(description: "LightboxWeb's resource bundle has no Resources folder")
        }
        return try PageRenderer(directory: resources)
    }

    /// The HTML of `model` through its template.
    func html<Model: PageModel>(_ model: Model) throws -> String {
        guard let html = library.render(model, withTemplate: Model.template) else {
            throw MissingResources(description: "no template named \(Model.template)")
        }
        return html
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last ?? "" {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
