/// Our implementation identification, PS3.7 D.3.3.2 (sent in every association negotiation and
/// written in the File Meta Information of received files).
public enum Implementation {
    /// Implementation Class UID (a 2.25 UUID-derived root, PS3.5 Annex B.2).
    public static let classUID = "2.25.233118540371062384283960376312960734921"
    /// Implementation Version Name (16 characters at most).
    public static let versionName = "LIGHTBOX_1"
}
