import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxTestSupport
import NIOCore

/// A browser's side of the pages for HummingbirdTesting: keeps cookies, reads the form token out
/// of the last page and posts forms as `application/x-www-form-urlencoded`.
struct PageSession {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Sent as `X-Forwarded-Proto` when set (a TLS-terminating proxy in front).
    var forwardedProto: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var html: String
        /// The body as sent (a download's bytes).
        var bytes = ByteBuffer()

        /// The value of the first hidden `_csrf` input.
        var formToken: String? {
            guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil)
    }

    /// Posts `fields` (encoded in order) to `path`.
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    mutating func send(_ method: HTTPRequest.Method, _ path: String, body: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if let forwardedProto { headers[HTTPField.Name("X-Forwarded-Proto")!] = forwardedProto }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for cookie in response.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if cookie.contains("Max-Age=0") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        return Page(
            status: response.status, headers: response.headers, html: String(buffer: response.body),
            bytes: response.body)
    }

    /// Signs in through the sign-in page.
    mutating func signIn(_ username: String, _ password: String) async throws -> Page {
        let form = try await get("/")
        return try await post(
            "/sign-in",
            [("_csrf", form.formToken ?? ""), ("username", username), ("password", password), ("next", "/")])
    }
}
