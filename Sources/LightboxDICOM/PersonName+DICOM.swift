import DICOM
import LightboxDomain

extension LightboxDomain.PersonName {
    /// `Family^Given^Middle^Prefix` (PS3.5 §6.2.1), without trailing empty components.
    var dicomPersonName: String {
        DICOM.PersonName.Components(
            familyName: family, givenName: given.first ?? "", middleName: given.dropFirst().joined(separator: " "),
            namePrefix: prefix ?? ""
        ).formatted
    }
}
