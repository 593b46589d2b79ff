/** Rectangular cells for generated areas: a GeoJSON polygon and its centroid. */
export interface Box {
  west: number;
  east: number;
  south: number;
  north: number;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function boxPolygon(box: Box) {
  const ring = [
    [box.west, box.south],
    [box.east, box.south],
    [box.east, box.north],
    [box.west, box.north],
    [box.west, box.south],
  ].map(([lng, lat]) => [round(lng!), round(lat!)]);
  return { type: 'Polygon', coordinates: [ring] };
}

export function boxCentroid(box: Box): { lat: number; lng: number } {
  return { lat: round((box.south + box.north) / 2), lng: round((box.west + box.east) / 2) };
}

/** Cuts a box into `count` cells, row by row, north to south. */
export function splitBox(box: Box, count: number): Box[] {
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const width = (box.east - box.west) / cols;
  const height = (box.north - box.south) / rows;
  const cells: Box[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    cells.push({
      west: box.west + col * width,
      east: box.west + (col + 1) * width,
      north: box.north - row * height,
      south: box.north - (row + 1) * height,
    });
  }
  return cells;
}
