import type { CourseRow, EnrolmentRow } from "./repo";
import { ENROLMENT_LABELS } from "./schemas";

const brandOf = (code: string | null, name: string | null) =>
  code && name ? { code, name } : null;

export function toCourseView(r: CourseRow) {
  const c = r.course;
  return {
    id: c.id,
    brand: brandOf(c.brandCode, r.brandName),
    occupation: c.occupation,
    title: c.title,
    provider: c.provider,
    startDate: c.startDate,
    endDate: c.endDate,
    countyCode: c.countyCode,
    capacity: c.capacity,
    enrolled: r.enrolled,
    passed: r.passed,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toEnrolmentView(r: EnrolmentRow) {
  const e = r.enrolment;
  return {
    id: e.id,
    course: {
      id: r.course.id,
      title: r.course.title,
      occupation: r.course.occupation,
      countyCode: r.course.countyCode,
      brand: brandOf(r.course.brandCode, r.brandName),
    },
    labourer: r.labourer,
    status: e.status,
    statusLabel: ENROLMENT_LABELS[e.status],
    certificateNo: e.certificateNo,
    resultDate: e.resultDate,
    resultNote: e.resultNote,
    createdAt: e.createdAt.toISOString(),
  };
}
