package dev.gangway.identity.scim;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import org.apache.directory.scim.spec.annotation.ScimAttribute;
import org.apache.directory.scim.spec.annotation.ScimExtensionType;
import org.apache.directory.scim.spec.resources.ScimExtension;

/**
 * Gangway's user extension for external identity: the external company an IdP says the user
 * works for (a company key or name). Mapping rules may decide a user's company from it.
 */
@XmlRootElement
@XmlAccessorType(XmlAccessType.NONE)
@ScimExtensionType(id = GangwayUserExtension.URN, name = "GangwayUser", required = false,
    description = "External identity: the company an external user belongs to, as the identity provider knows it.")
public class GangwayUserExtension implements ScimExtension {
  private static final long serialVersionUID = 1L;
  public static final String URN = "urn:gangway:params:scim:schemas:extension:external:1.0:User";

  @XmlElement
  @ScimAttribute(description = "The external company of the user, by key or name, as the identity provider sends it.")
  private String company;

  public String getCompany() { return company; }

  public void setCompany(String company) { this.company = company; }

  @Override public String getUrn() { return URN; }
}
