import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import LightboxDomain

/// The Lightbox HTTP application: the JSON API under /api, /health, /metrics and the OpenAPI
/// document, all from one route table, and the pages for staff's browsers.
public struct WebApplication: Sendable {
    /// A method and path as registered with the router (OpenAPI template syntax).
    public struct RouteKey: Hashable, Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var description: String { "\(method) \(path)" }
    }

    public let environment: APIEnvironment
    /// Every endpoint, in documentation order.
    public let routes: [APIRoute]

    public init(environment: APIEnvironment) {
        self.environment = environment
        self.routes =
            Self.systemRoutes + Self.sessionRoutes + Self.accountRoutes + Self.patientRoutes + Self.examRoutes
            + Self.referenceRoutes + Self.auditRoutes + Self.interfaceRoutes
            + Self.reportRoutes
            + Self.fhirRoutes
            + Self.archiveRoutes
            + Self.dicomWebRoutes
            + Self.worklistRoutes
            + Self.safetyRoutes
            + Self.thresholdRoutes
            + Self.saueRoutes
            + Self.staffDosimetryRoutes
            + Self.staffRecordRoutes
            + Self.stockRoutes
            + Self.equipmentRoutes
            + Self.infectionControlRoutes
            + Self.statisticsRoutes
            + Self.doseRoutes
            + Self.taskRoutes
            + Self.doseHistoryRoutes
            + Self.incidentRoutes
            + Self.jobRoutes
            + Self.rotaRoutes
            + Self.heldModalityStepRoutes
            + Self.bookingViewRoutes
    }

    /// The OpenAPI 3.1 document describing `routes`.
    public var openAPI: JSONValue {
        OpenAPIDocument(routes: routes, version: environment.version).build()
    }

    /// Builds the router. `registered` lists exactly what was handed to the router, so a test can
    /// compare it with the OpenAPI document.
    public func buildRouter() -> (router: Router<WebContext>, registered: [RouteKey]) {
        let router = Router(context: WebContext.self)
        router.add(middleware: ServerTimingMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: AuthenticationMiddleware(auth: environment.auth))
        var registered: [RouteKey] = []
        let environment = self.environment
        for route in routes {
            let handler = route.handler
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await handler(request, context, environment)
            }
            registered.append(RouteKey(method: route.method.rawValue, path: route.path))
        }
        addPages(to: router)
        return (router, registered)
    }
}
