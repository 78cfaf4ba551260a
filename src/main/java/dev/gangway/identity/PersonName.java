package dev.gangway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A user's name parts, all optional. */
@Embeddable
public class PersonName {
  @Column(name = "name_formatted")
  private String formatted;

  @Column(name = "name_family")
  private String familyName;

  @Column(name = "name_given")
  private String givenName;

  @Column(name = "name_middle")
  private String middleName;

  @Column(name = "name_prefix")
  private String honorificPrefix;

  @Column(name = "name_suffix")
  private String honorificSuffix;

  protected PersonName() {}

  public PersonName(
      String formatted,
      String familyName,
      String givenName,
      String middleName,
      String honorificPrefix,
      String honorificSuffix) {
    this.formatted = formatted;
    this.familyName = familyName;
    this.givenName = givenName;
    this.middleName = middleName;
    this.honorificPrefix = honorificPrefix;
    this.honorificSuffix = honorificSuffix;
  }

  public static PersonName empty() {
    return new PersonName();
  }

  public boolean isEmpty() {
    return formatted == null
        && familyName == null
        && givenName == null
        && middleName == null
        && honorificPrefix == null
        && honorificSuffix == null;
  }

  public String formatted() {
    return formatted;
  }

  public String familyName() {
    return familyName;
  }

  public String givenName() {
    return givenName;
  }

  public String middleName() {
    return middleName;
  }

  public String honorificPrefix() {
    return honorificPrefix;
  }

  public String honorificSuffix() {
    return honorificSuffix;
  }
}
