#!/usr/bin/env python3
"""Fills a stopped Lightbox's SQLite index with synthetic studies, for the large-archive ingest run.

Issue 13 asks that ingest with 1,000,000 instances indexed keeps at least 80 % of the empty archive's rate.
Storing a million real files through C-STORE would take hours on this machine; what slows an archive as
it grows is its index (B-tree depth, unique checks, page cache), so this script writes the index rows
directly, in Lightbox's own schema (M0010), with the same shapes the listener writes: one patient per
study, `--series` series per study, `--instances` instances per series. The rows point at no file
(image_key 'synthetic/...'), and their UIDs are under 2.25.<n> so they never collide with the harness's.

  python3 fill_index.py --db DATA/lightbox.sqlite --studies 20000 --series 5 --instances 10
"""
import argparse
import sqlite3
import sys
import time

UUID = ("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' "
        "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--studies", type=int, default=20000)
    ap.add_argument("--series", type=int, default=5)
    ap.add_argument("--instances", type=int, default=10)
    a = ap.parse_args()
    db = sqlite3.connect(a.db)
    now = time.time()
    started = time.monotonic()
    with db:
        db.execute(f"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
            INSERT INTO archive_patients (id, patient_id, issuer_of_patient_id, patient_name, patient_name_upper,
                patient_birth_date, patient_sex, number_of_studies, number_of_series, number_of_instances,
                created_at, updated_at)
            SELECT {UUID}, 'SYN' || printf('%07d', i), '', 'SYNTHETIC^PATIENT' || i, 'SYNTHETIC^PATIENT' || i,
                printf('19%02d0101', i % 100), CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END, 1, ?, ?, ?, ?
            FROM n""", (a.studies, a.series, a.series * a.instances, now, now))
        db.execute(f"""
            INSERT INTO archive_studies (id, archive_patient_id, study_instance_uid, study_date, study_time,
                accession_number, study_id, study_description, referring_physician_name,
                referring_physician_name_upper, modalities_in_study, sop_classes_in_study, number_of_series,
                number_of_instances, exam_id, patient_record_id, match_status, match_detail, created_at, updated_at)
            SELECT {UUID}, p.id, '2.25.9' || substr(p.patient_id, 4), printf('2024%02d%02d', 1 + rowid % 12,
                1 + rowid % 28), '120000', 'SYN' || substr(p.patient_id, 4), '1', 'Synthetic study', NULL, NULL,
                'CR', '1.2.840.10008.5.1.4.1.1.1', ?, ?, NULL, NULL, 'unmatched', '', ?, ?
            FROM archive_patients p WHERE p.patient_id LIKE 'SYN%'""",
                   (a.series, a.series * a.instances, now, now))
        db.execute(f"""
            WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ?)
            INSERT INTO archive_series (id, archive_study_id, series_instance_uid, modality, series_number,
                series_description, series_date, series_time, body_part_examined, number_of_instances, created_at)
            SELECT {UUID}, s.id, s.study_instance_uid || '.' || k.j, 'CR', k.j, 'Synthetic series', s.study_date,
                '120000', 'CHEST', ?, ?
            FROM archive_studies s, k WHERE s.study_instance_uid LIKE '2.25.9%'""", (a.series, a.instances, now))
        db.execute(f"""
            WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ?)
            INSERT INTO archive_instances (id, archive_series_id, archive_study_id, sop_instance_uid, sop_class_uid,
                instance_number, content_date, content_time, rows, columns, number_of_frames, transfer_syntax_uid,
                specific_character_set, image_key, size_bytes, source, stored_at)
            SELECT {UUID}, r.id, r.archive_study_id, r.series_instance_uid || '.' || k.j,
                '1.2.840.10008.5.1.4.1.1.1', k.j, r.series_date, '120000', 1024, 1024, 1, '1.2.840.10008.1.2.1',
                NULL, 'synthetic/' || r.series_instance_uid || '.' || k.j, 2100000, 'c-store', ?
            FROM archive_series r, k WHERE r.series_instance_uid LIKE '2.25.9%'""", (a.instances, now))
    count = db.execute("SELECT count(*) FROM archive_instances").fetchone()[0]
    db.execute("ANALYZE")
    db.close()
    print(f"fill_index: {count} instances indexed in {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
