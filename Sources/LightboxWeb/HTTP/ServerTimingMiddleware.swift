import Foundation
import HTTPTypes
import Hummingbird

/// Says on every response how long Lightbox took to produce it: `Server-Timing: app;dur=<ms>`
/// (W3C Server Timing §3, the `dur` parameter in milliseconds), from the moment the request
/// reached the router until the response head was ready, authentication, the use cases, the
/// database and the page's rendering included. The page benchmark reads it
/// (`Benchmarks/run-page-benchmark`) and so can a browser's developer tools. For a streamed body
/// (the live event stream) it covers the work before the stream starts.
public struct ServerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The metric's name in the header.
    public static var metricName: String { "app" }
    static var headerName: HTTPField.Name { HTTPField.Name("Server-Timing")! }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.headerName] = Self.value(ContinuousClock.now - started)
        return response
    }

    /// `app;dur=12.345`: milliseconds with three decimals (microseconds), "." whatever the locale.
    static func value(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = microseconds / 1000
        let fraction = microseconds % 1000
        return "\(metricName);dur=\(whole).\(String(repeating: "0", count: 3 - String(fraction).count))\(fraction)"
    }
}
