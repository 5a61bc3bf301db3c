// Route 53 record sets for mocked ListResourceRecordSets answers: a zone's NS record, ACM validation CNAMEs and
// other records, as Route 53 lists them (fully qualified names with the final dot).
import type { ListResourceRecordSetsCommandOutput, ResourceRecordSet } from '@aws-sdk/client-route-53';

/** One record set `name TYPE value`, TTL 300 unless given. */
export function recordSet(name: string, type: 'NS' | 'CNAME' | 'A', value: string, ttl = 300): ResourceRecordSet {
  return { Name: name, Type: type, TTL: ttl, ResourceRecords: [{ Value: value }] };
}

/** A zone's whole listing: its NS record and `records`. */
export function zoneListing(zone: string, records: ResourceRecordSet[]): Partial<ListResourceRecordSetsCommandOutput> {
  return {
    ResourceRecordSets: [recordSet(zone, 'NS', 'ns-1.awsdns-01.org.', 172800), ...records],
    IsTruncated: false,
    MaxItems: 100,
  };
}
