import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// Our client against our server.
@Suite struct LoopbackTests {
    @Test func echoOverLoopback() async throws {
        try await withServer(handlers: ServiceHandlers(verification: AlwaysSuccessVerification()), timeout: 30) {
            port, _ in
            let association = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(
                    callingAETitle: "SCU", calledAETitle: "LIGHTBOX",
                    proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)]))
            #expect(try await association.echo() == .success)
            #expect(try await association.echo() == .success)
            try await association.release()
        }
    }
}
