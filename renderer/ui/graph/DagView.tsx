import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge as FlowEdge,
  type Node as FlowNode,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import {
  Ban,
  Circle,
  CircleCheck,
  CircleMinus,
  CircleX,
  Clock,
  LoaderCircle,
  Network,
  OctagonAlert,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
// xyflow's structural CSS only (no theme); the look comes from the design tokens in dag-view.css.
import '@xyflow/react/dist/base.css';
import './dag-view.css';
import { useDarkTheme } from '../use-dark-theme.ts';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, layoutDag, type DagPoint } from './dag-layout.ts';

export { layoutDag, DAG_NODE_HEIGHT, DAG_NODE_WIDTH, type DagPoint } from './dag-layout.ts';

/**
 * The state a node shows, by colour and by icon (never colour alone). Pipeline tasks use the
 * Airflow-like run states; data tests use pass/fail/warn/error; `idle` is a node with nothing
 * to report (a source, a model not built yet).
 */
export type DagState =
  | 'idle'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'skipped'
  | 'upstream_failed'
  | 'pass'
  | 'fail'
  | 'warn'
  | 'error';

/** Every state a node can show, in the order a legend lists them. */
export const DAG_STATES: readonly DagState[] = [
  'idle',
  'pending',
  'running',
  'success',
  'failed',
  'skipped',
  'upstream_failed',
  'pass',
  'fail',
  'warn',
  'error',
];

/** The icon of each state (shown beside the colour, so the state reads without colour too). */
export const DAG_STATE_ICONS: Record<DagState, LucideIcon> = {
  idle: Circle,
  pending: Clock,
  running: LoaderCircle,
  success: CircleCheck,
  failed: CircleX,
  skipped: CircleMinus,
  upstream_failed: Ban,
  pass: CircleCheck,
  fail: CircleX,
  warn: TriangleAlert,
  error: OctagonAlert,
};

/** One node of the graph. */
export interface DagNode {
  /** Unique id; edges name nodes by it. */
  id: string;
  /** The node's name, shown in bold (a task id, a model name). */
  label: string;
  /** A second, quieter line (task kind and target, "view · 12 rows"). */
  sublabel?: string;
  /** Its state by colour and icon; `idle` when absent. */
  state?: DagState;
  /** A small tag in the corner (e.g. "SQL", "extract", "source"). */
  tag?: string;
  /** What the node is (a lineage node's kind: 'table', 'metric'…): styles it by the class `kind-<kind>`. */
  kind?: string;
  /** An icon in place of the state's (a lineage node shows its kind, not a run state). */
  icon?: LucideIcon;
  /** Its accessible name and tooltip in place of "label: state. sublabel" (a node with no run state). */
  ariaLabel?: string;
}

/** A dependency drawn as an arrow: `from` runs (or is built) before `to`. */
export interface DagEdge {
  from: string;
  to: string;
}

/** Props of the DagView. */
export interface DagViewProps {
  /** The nodes, in any order (the layout ranks them by their edges). */
  nodes: readonly DagNode[];
  /** The arrows; ones naming an unknown node are not drawn. */
  edges: readonly DagEdge[];
  /** Accessible name of the graph region ("Pipeline graph", "Lineage"). */
  label: string;
  /** The selected node's id (controlled); null or absent for none. */
  selected?: string | null;
  /** A node was selected by click or by Enter/Space on a focused node; null when the selection was cleared (click on the background). */
  onSelect?: (id: string | null) => void;
  /**
   * Given: nodes show connection handles and an arrow can be drawn by dragging from one node's
   * right handle to another's left handle; the caller decides whether to keep it (refuse a
   * cycle). Absent: the graph is read-only (arrows drawn, no handles shown or draggable).
   */
  onConnect?: (edge: DagEdge) => void;
  /** Given: a focused or clicked arrow can be removed with Delete or Backspace. */
  onEdgeRemove?: (edge: DagEdge) => void;
  /** Saved positions (top-left, flow units) that win over the automatic layout. */
  positions?: Readonly<Record<string, DagPoint>>;
  /** Given: nodes can be dragged, and each drop reports the node's new position. */
  onNodeMoved?: (id: string, position: DagPoint) => void;
  /** Given with onNodeMoved: the "arrange automatically" control clears saved positions through it. */
  onLayoutReset?: () => void;
  /** Nodes to ring in the danger colour (the tasks of a refused cycle, a failing path). */
  highlighted?: ReadonlySet<string>;
  /** Nodes to fade (what an impact does not reach), with the arrows touching them. */
  dimmed?: ReadonlySet<string>;
  /** Nodes to bring into view (a search hit, an impact); `seq` brings the same ones back again. */
  focus?: { ids: readonly string[]; seq: number } | null;
  /** Layout direction: left to right (default) or top to bottom. */
  direction?: 'LR' | 'TB';
  /** Extra class on the outer element (size it there: the graph fills it). */
  className?: string;
  /** data-testid of the outer element; each node gets `dag-node-<id>`. */
  testId?: string;
}

interface NodeData extends Record<string, unknown> {
  node: DagNode;
  connectable: boolean;
  highlighted: boolean;
  dimmed: boolean;
  stateLabel: string;
}

type FlowDagNode = FlowNode<NodeData, 'dag'>;

/** How one node looks: state colour and icon, label, sublabel, optional tag and handles. */
const DagNodeBox = memo(function DagNodeBox({ data, selected }: NodeProps<FlowDagNode>) {
  const state = data.node.state ?? 'idle';
  const Icon = data.node.icon ?? DAG_STATE_ICONS[state];
  const kind = data.node.kind ? ` kind-${data.node.kind}` : '';
  return (
    <div
      className={`dag-node state-${state}${kind}${selected ? ' selected' : ''}${data.highlighted ? ' highlighted' : ''}${data.dimmed ? ' dimmed' : ''}`}
      style={{ width: DAG_NODE_WIDTH, height: DAG_NODE_HEIGHT }}
      data-testid={`dag-node-${data.node.id}`}
      data-state={state}
      data-kind={data.node.kind}
      title={data.node.ariaLabel ?? `${data.node.label} · ${data.stateLabel}`}
    >
      {/* xyflow draws an arrow only between handles: a read-only graph keeps them, unseen and inert. */}
      <Handle type="target" position={Position.Left} className={data.connectable ? 'dag-handle' : 'dag-handle inert'} isConnectable={data.connectable} />
      <Icon className={`dag-node-icon${state === 'running' ? ' spin' : ''}`} size={18} aria-hidden />
      <div className="dag-node-text">
        <div className="dag-node-label">{data.node.label}</div>
        {data.node.sublabel ? <div className="dag-node-sub">{data.node.sublabel}</div> : null}
      </div>
      {data.node.tag ? <span className="dag-node-tag">{data.node.tag}</span> : null}
      <Handle type="source" position={Position.Right} className={data.connectable ? 'dag-handle' : 'dag-handle inert'} isConnectable={data.connectable} />
    </div>
  );
});

const NODE_TYPES = { dag: DagNodeBox };

/** Brings nodes into view (fitted, zoomed no further than reads well) when asked. */
function FocusNodes({ focus }: { focus: { ids: readonly string[]; seq: number } | null | undefined }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!focus || focus.ids.length === 0) return;
    const nodes = focus.ids.map((id) => ({ id }));
    // Twice: once now, once after a change of the shown nodes has been laid out and measured.
    // Never so far out that the names cannot be read: what does not fit is panned to.
    const options = { nodes, padding: 0.2, minZoom: 0.5, maxZoom: 1.1, duration: 200 };
    const id = requestAnimationFrame(() => void flow.fitView(options));
    const later = window.setTimeout(() => void flow.fitView(options), 250);
    return () => {
      cancelAnimationFrame(id);
      window.clearTimeout(later);
    };
  }, [focus, flow]);
  return null;
}

/** Fits the whole graph into view when its set of nodes changes (and once they are measured). */
function FitOnChange({ signature }: { signature: string }) {
  const flow = useReactFlow();
  const initialised = useNodesInitialized();
  useEffect(() => {
    if (!initialised) return;
    // After the browser has laid out the measured nodes.
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1.1, duration: 0 }));
    return () => cancelAnimationFrame(id);
  }, [signature, initialised, flow]);
  return null;
}

/**
 * A dependency graph drawn with @xyflow/react and laid out by dagre (left to right): nodes with
 * a label, a sublabel and a state by colour and icon; selection by click or keyboard (Tab to a
 * node, Enter or Space); optional arrows drawn by dragging (`onConnect`); zoom controls and fit
 * to view; light and dark through the design tokens. Shared by the pipeline workbench (tasks)
 * and the model workbench (lineage).
 */
export const DagView = memo(function DagView(props: DagViewProps) {
  const { t } = useTranslation();
  const dark = useDarkTheme();
  const { nodes, edges, selected, onSelect, onConnect, onEdgeRemove, positions, onNodeMoved, highlighted, dimmed, direction = 'LR' } = props;
  const ids = useMemo(() => nodes.map((n) => n.id), [nodes]);
  const structure = `${ids.join('\u0000')}\u0001${edges.map((e) => `${e.from}>${e.to}`).join('\u0000')}\u0001${direction}`;
  // Relaid out only when the graph's shape changes, not when a state or a label does.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => layoutDag(ids, edges, direction), [structure]);
  // Positions dragged in this view that no caller has saved (kept until "arrange automatically").
  const dragged = useRef(new Map<string, DagPoint>());
  const [flowNodes, setFlowNodes] = useState<FlowDagNode[]>([]);

  useLayoutEffect(() => {
    setFlowNodes((prev) => {
      const before = new Map(prev.map((n) => [n.id, n]));
      return nodes.map((node): FlowDagNode => {
        const old = before.get(node.id);
        const state = node.state ?? 'idle';
        const position = dragged.current.get(node.id) ?? positions?.[node.id] ?? layout[node.id] ?? { x: 0, y: 0 };
        const stateLabel = t(`dag.state.${state}`);
        // An unchanged node keeps its object, so xyflow and the memoised box skip it (a run changes one task at a time).
        if (
          old &&
          old.data.node === node &&
          old.data.stateLabel === stateLabel &&
          old.data.connectable === !!onConnect &&
          old.data.highlighted === !!highlighted?.has(node.id) &&
          old.data.dimmed === !!dimmed?.has(node.id) &&
          old.selected === (node.id === selected) &&
          old.draggable === !!onNodeMoved &&
          old.position.x === position.x &&
          old.position.y === position.y
        ) {
          return old;
        }
        return {
          // Keeps what xyflow measured, so an update does not hide the node until it is measured again.
          ...(old ?? {}),
          id: node.id,
          type: 'dag',
          position,
          data: { node, connectable: !!onConnect, highlighted: !!highlighted?.has(node.id), dimmed: !!dimmed?.has(node.id), stateLabel },
          selected: node.id === selected,
          draggable: !!onNodeMoved,
          selectable: true,
          deletable: false,
          connectable: !!onConnect,
          ariaLabel: node.ariaLabel ?? t('dag.nodeLabel', { name: node.label, state: t(`dag.state.${state}`), detail: node.sublabel ?? '' }),
        };
      });
    });
  }, [nodes, layout, positions, selected, onConnect, onNodeMoved, highlighted, dimmed, t]);

  const known = useMemo(() => new Set(ids), [ids]);
  const flowEdges = useMemo(
    (): FlowEdge[] =>
      edges
        .filter((e) => known.has(e.from) && known.has(e.to))
        .map((e) => {
          const target = nodes.find((n) => n.id === e.to)?.state;
          return {
            id: `${e.from}->${e.to}`,
            source: e.from,
            target: e.to,
            type: 'smoothstep',
            animated: target === 'running',
            deletable: !!onEdgeRemove,
            selectable: !!onEdgeRemove,
            focusable: !!onEdgeRemove,
            className:
              highlighted?.has(e.from) && highlighted.has(e.to) ? 'highlighted' : dimmed?.has(e.from) || dimmed?.has(e.to) ? 'dimmed' : undefined,
            ariaLabel: t('dag.edgeLabel', { from: labelOf(nodes, e.from), to: labelOf(nodes, e.to) }),
            markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
          };
        }),
    [edges, known, nodes, onEdgeRemove, highlighted, dimmed, t],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowDagNode>[]) => {
      for (const c of changes) {
        if (c.type === 'select' && c.selected) onSelect?.(c.id);
        if (c.type === 'position' && c.position) {
          dragged.current.set(c.id, c.position);
          if (c.dragging === false) onNodeMoved?.(c.id, c.position);
        }
      }
      // Selection stays controlled by the caller; everything else (measurements, drags) is xyflow's.
      setFlowNodes((prev) => applyNodeChanges(changes.filter((c) => c.type !== 'select'), prev));
    },
    [onSelect, onNodeMoved],
  );

  const connect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) onConnect?.({ from: c.source, to: c.target });
    },
    [onConnect],
  );

  const resetLayout = useCallback(() => {
    dragged.current.clear();
    props.onLayoutReset?.();
    setFlowNodes((prev) => prev.map((n) => ({ ...n, position: layout[n.id] ?? n.position })));
  }, [layout, props]);

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('dag.a11y.node'),
      'node.a11yDescription.keyboardDisabled': t('dag.a11y.node'),
      'node.a11yDescription.ariaLiveMessage': ({ direction: d }: { direction: string; x: number; y: number }) => t('dag.a11y.moved', { direction: d }),
      'edge.a11yDescription.default': t('dag.a11y.edge'),
      'controls.ariaLabel': t('dag.controls'),
      'controls.zoomIn.ariaLabel': t('dag.zoomIn'),
      'controls.zoomOut.ariaLabel': t('dag.zoomOut'),
      'controls.fitView.ariaLabel': t('dag.fitView'),
      'controls.interactive.ariaLabel': t('dag.interactive'),
      'minimap.ariaLabel': t('dag.minimap'),
      'handle.ariaLabel': t('dag.handle'),
    }),
    [t],
  );

  return (
    <div className={`dag-view ${props.className ?? ''}`} data-testid={props.testId} role="group" aria-label={props.label}>
      <ReactFlow<FlowDagNode, FlowEdge>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onConnect={onConnect ? connect : undefined}
        onEdgesDelete={onEdgeRemove ? (gone) => gone.forEach((e) => onEdgeRemove({ from: e.source, to: e.target })) : undefined}
        onPaneClick={() => onSelect?.(null)}
        deleteKeyCode={onEdgeRemove ? ['Delete', 'Backspace'] : null}
        nodesDraggable={!!onNodeMoved}
        nodesConnectable={!!onConnect}
        elementsSelectable
        selectionOnDrag={false}
        multiSelectionKeyCode={null}
        colorMode={dark ? 'dark' : 'light'}
        ariaLabelConfig={ariaLabelConfig}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        fitView
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        <Controls showInteractive={false} position="bottom-left">
          {onNodeMoved ? (
            <ControlButton onClick={resetLayout} title={t('dag.arrange')} aria-label={t('dag.arrange')}>
              <Network aria-hidden />
            </ControlButton>
          ) : null}
        </Controls>
        <FitOnChange signature={structure} />
        <FocusNodes focus={props.focus} />
      </ReactFlow>
    </div>
  );
});

function labelOf(nodes: readonly DagNode[], id: string): string {
  return nodes.find((n) => n.id === id)?.label ?? id;
}

/** A legend of states (icon, colour and name), for the states a view actually uses. */
export const DagLegend = memo(function DagLegend({ states }: { states: readonly DagState[] }) {
  const { t } = useTranslation();
  return (
    <ul className="dag-legend" aria-label={t('dag.legend')}>
      {states.map((s) => {
        const Icon = DAG_STATE_ICONS[s];
        return (
          <li key={s} className={`state-${s}`}>
            <Icon size={13} aria-hidden /> {t(`dag.state.${s}`)}
          </li>
        );
      })}
    </ul>
  );
});
