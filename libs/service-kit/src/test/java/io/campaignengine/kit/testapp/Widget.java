package io.campaignengine.kit.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The test app's entity (schema kittest of the playbook database, created by {@link TestSchema}). */
@Entity
@Table(schema = "kittest", name = "widget")
public class Widget extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String business;

    @Column(nullable = false)
    public String name;

    public int quantity;

    @Column(nullable = false)
    public String status = "ACTIVE";
}
