/// Transfer syntax UIDs the network layer itself needs to know, PS3.5 §10 and Annex A.
public enum TransferSyntaxUID {
    /// Implicit VR Little Endian, the default transfer syntax (PS3.5 §10.1); command sets always.
    public static let implicitVRLittleEndian = "1.2.840.10008.1.2"
    /// Explicit VR Little Endian, PS3.5 A.2.
    public static let explicitVRLittleEndian = "1.2.840.10008.1.2.1"
    /// Deflated Explicit VR Little Endian, PS3.5 A.5.
    public static let deflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99"
    /// Explicit VR Big Endian (retired), PS3.5 A.3.
    public static let explicitVRBigEndian = "1.2.840.10008.1.2.2"
    /// The uncompressed syntaxes query and N-service handlers read, in our order of preference.
    public static let uncompressed = [explicitVRLittleEndian, implicitVRLittleEndian]
}
