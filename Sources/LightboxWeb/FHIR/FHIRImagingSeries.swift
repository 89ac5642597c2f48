import Foundation

/// One series of a stored study (ImagingStudy.series, FHIR R4 §13.3), as the image archive
/// describes it. Lightbox's ImagingStudy lists series only from the archive: until images are
/// stored there, a study is `registered` with none.
public struct FHIRImagingSeries: Sendable, Equatable {
    /// One stored instance (ImagingStudy.series.instance).
    public struct Instance: Sendable, Equatable {
        public var sopInstanceUID: String
        public var sopClassUID: String
        public var number: Int?

        public init(sopInstanceUID: String, sopClassUID: String, number: Int? = nil) {
            self.sopInstanceUID = sopInstanceUID
            self.sopClassUID = sopClassUID
            self.number = number
        }
    }

    public var seriesInstanceUID: String
    public var number: Int?
    /// DICOM modality code (PS3.3 §C.7.3.1.1.1).
    public var modality: String
    public var description: String?
    public var bodySite: String?
    public var started: Date?
    public var instances: [Instance]

    public init(
        seriesInstanceUID: String, number: Int? = nil, modality: String, description: String? = nil,
        bodySite: String? = nil, started: Date? = nil, instances: [Instance]
    ) {
        self.seriesInstanceUID = seriesInstanceUID
        self.number = number
        self.modality = modality
        self.description = description
        self.bodySite = bodySite
        self.started = started
        self.instances = instances
    }

    var json: JSONValue {
        .fhir([
            ("uid", .string(seriesInstanceUID)),
            ("number", number.map { .number(Double($0)) }),
            ("modality", FHIRImagingStudy.modalityCoding(modality)),
            ("description", description.map { .string($0) }),
            ("numberOfInstances", .number(Double(instances.count))),
            ("bodySite", bodySite.map { .fhir([("display", .string($0))]) }),
            ("started", started.map { .instant($0) }),
            (
                "instance",
                .array(
                    instances.map { instance in
                        .fhir([
                            ("uid", .string(instance.sopInstanceUID)),
                            (
                                "sopClass",
                                .fhir([
                                    ("system", "urn:ietf:rfc:3986"),
                                    ("code", .string("urn:oid:\(instance.sopClassUID)")),
                                ])
                            ),
                            ("number", instance.number.map { .number(Double($0)) }),
                        ])
                    })
            ),
        ])
    }
}
