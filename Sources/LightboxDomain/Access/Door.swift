import Foundation

/// The source of a change ("from which source": web page, JSON API, HL7, FHIR, DICOM, command line or Lightbox itself).
public enum Door: String, Codable, Sendable, CaseIterable {
    case web, api, hl7, fhir, dicom, cli, system
}
