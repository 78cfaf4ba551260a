package dev.gangway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The enterprise extension's attributes (RFC 7643 §4.3). {@code managerId} is the manager's id. */
@Embeddable
public class Enterprise {
  @Column(name = "employee_number")
  private String employeeNumber;

  @Column(name = "cost_center")
  private String costCenter;

  @Column(name = "organization")
  private String organization;

  @Column(name = "division")
  private String division;

  @Column(name = "department")
  private String department;

  @Column(name = "manager_id")
  private String managerId;

  @Column(name = "manager_display")
  private String managerDisplay;

  protected Enterprise() {}

  public Enterprise(
      String employeeNumber,
      String costCenter,
      String organization,
      String division,
      String department,
      String managerId,
      String managerDisplay) {
    this.employeeNumber = employeeNumber;
    this.costCenter = costCenter;
    this.organization = organization;
    this.division = division;
    this.department = department;
    this.managerId = managerId;
    this.managerDisplay = managerDisplay;
  }

  public static Enterprise empty() {
    return new Enterprise();
  }

  public boolean isEmpty() {
    return employeeNumber == null
        && costCenter == null
        && organization == null
        && division == null
        && department == null
        && managerId == null;
  }

  public String employeeNumber() {
    return employeeNumber;
  }

  public String costCenter() {
    return costCenter;
  }

  public String organization() {
    return organization;
  }

  public String division() {
    return division;
  }

  public String department() {
    return department;
  }

  public String managerId() {
    return managerId;
  }

  public String managerDisplay() {
    return managerDisplay;
  }
}
