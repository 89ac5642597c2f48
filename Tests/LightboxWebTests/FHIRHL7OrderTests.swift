import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import LightboxTestSupport
import Logging
import Testing

/// One request intake behind every door: an HL7 order is the same ServiceRequest through FHIR.
@Suite("FHIR shows HL7 orders")
struct FHIRHL7OrderTests {
    @Test(
        "An ORM^O01 taken in over HL7 is a ServiceRequest found by its placer order number",
        arguments: TestEngine.allCases)
    func ormVisibleThroughFHIR(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let patient = try #require(seeded.patients["man"])
            let order =
                "MSH|^~\\&|EPR|RVJ|LIGHTBOX|RAD|20260302090000||ORM^O01^ORM_O01|FHIR-ORM-1|P|2.5.1\r"
                + "PID|1||\(patient.nhsNumber?.digits ?? "")^^^NHS^NH||KHAN^IMRAN||19801102|M\r"
                + "PV1|1|O\r"
                + "ORC|NW|FHIR-PL-1^EPR|||||^^^^^R||20260302090000|||\(seeded.referrer.registrationNumber)^ADEYEMI^TOLU\r"
                + "OBR|1|FHIR-PL-1^EPR||XCHEST^XR Chest PA^LOCAL" + String(repeating: "|", count: 27)
                + "^Breathless on exertion\r"
            let raw = Array(order.utf8)
            let parsed = Result { () throws(HL7Error) -> Message in try Message(parsing: raw) }
            let router = HL7MessageRouter(
                environment: seeded.department.environment, logger: Logger(label: "fhir-test"))
            let ack = String(decoding: await router.respond(raw: raw, parsed: parsed, peer: "test"), as: UTF8.self)
            #expect(ack.contains("MSA|AA|FHIR-ORM-1"), "\(ack)")

            let fhir = FHIRClient(APIClient(client), seeded)
            let found = try await fhir.get(
                "/fhir/ServiceRequest?identifier=https://lightbox.example/fhir/Id/placer-order-number|FHIR-PL-1%5EEPR")
            #expect(found.status == .ok, "\(found.text)")
            #expect(found.total == 1)
            let resource = found.json?["entry"]?.arrayValueForTests.first?["resource"]
            #expect(resource?["subject"]?["reference"] == .string("Patient/\(patient.id.uuidString)"))
            #expect(resource?["reasonCode"]?.arrayValueForTests.first?["text"] == "Breathless on exertion")
            #expect(
                resource?["identifier"]?.arrayValueForTests.contains {
                    $0["system"] == "https://lightbox.example/fhir/Id/placer-order-number"
                        && $0["value"] == "FHIR-PL-1^EPR"
                } == true)
            #expect(
                try await fhir.get("/fhir/ServiceRequest?patient=\(patient.id.uuidString)&status=active").total == 1)
            try FHIRPeer.validate(fhir.resources)
        }
    }
}
